CREATE TABLE "gateway_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"gateway_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "gateways" ADD COLUMN "reported_healthy" boolean;--> statement-breakpoint
ALTER TABLE "gateways" ADD COLUMN "health_reason" text;--> statement-breakpoint
ALTER TABLE "gateways" ADD COLUMN "config_drift" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "gateway_events" ADD CONSTRAINT "gateway_events_gateway_id_gateways_id_fk" FOREIGN KEY ("gateway_id") REFERENCES "public"."gateways"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateway_events" ADD CONSTRAINT "gateway_events_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gateway_events_gateway_created_idx" ON "gateway_events" USING btree ("gateway_id","created_at");--> statement-breakpoint
CREATE INDEX "gateway_events_created_idx" ON "gateway_events" USING btree ("created_at");