CREATE TABLE "metric_reference_sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"names" jsonb NOT NULL,
	"patterns" jsonb NOT NULL,
	"recorded" jsonb NOT NULL,
	"expressions" integer NOT NULL,
	"warnings" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "metric_reference_sources" ADD CONSTRAINT "metric_reference_sources_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metric_reference_sources" ADD CONSTRAINT "metric_reference_sources_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "metric_reference_sources_org_idx" ON "metric_reference_sources" USING btree ("org_id","created_at");