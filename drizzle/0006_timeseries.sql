CREATE TABLE "gateway_timeseries" (
	"gateway_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"signal" text NOT NULL,
	"component" text NOT NULL,
	"step_minutes" smallint NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"value" double precision NOT NULL,
	CONSTRAINT "gateway_timeseries_gateway_id_metric_signal_component_step_minutes_bucket_pk" PRIMARY KEY("gateway_id","metric","signal","component","step_minutes","bucket")
);
--> statement-breakpoint
CREATE TABLE "gateway_timeseries_cursors" (
	"gateway_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"signal" text NOT NULL,
	"component" text NOT NULL,
	"cumulative" double precision,
	"series_start" timestamp with time zone,
	"last_time" timestamp with time zone NOT NULL,
	CONSTRAINT "gateway_timeseries_cursors_gateway_id_metric_signal_component_pk" PRIMARY KEY("gateway_id","metric","signal","component")
);
--> statement-breakpoint
ALTER TABLE "gateway_timeseries" ADD CONSTRAINT "gateway_timeseries_gateway_id_gateways_id_fk" FOREIGN KEY ("gateway_id") REFERENCES "public"."gateways"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateway_timeseries" ADD CONSTRAINT "gateway_timeseries_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateway_timeseries_cursors" ADD CONSTRAINT "gateway_timeseries_cursors_gateway_id_gateways_id_fk" FOREIGN KEY ("gateway_id") REFERENCES "public"."gateways"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gateway_timeseries_org_metric_bucket_idx" ON "gateway_timeseries" USING btree ("org_id","metric","bucket");--> statement-breakpoint
CREATE INDEX "gateway_timeseries_step_bucket_idx" ON "gateway_timeseries" USING btree ("step_minutes","bucket");--> statement-breakpoint
CREATE INDEX "gateway_timeseries_cursors_last_time_idx" ON "gateway_timeseries_cursors" USING btree ("last_time");