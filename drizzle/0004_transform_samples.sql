CREATE TYPE "public"."capture_status" AS ENUM('pending', 'active', 'completed', 'expired', 'failed');--> statement-breakpoint
CREATE TYPE "public"."sample_source" AS ENUM('paste', 'upload', 'capture');--> statement-breakpoint
CREATE TABLE "transform_captures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"gateway_id" uuid NOT NULL,
	"signal" text NOT NULL,
	"status" "capture_status" DEFAULT 'pending' NOT NULL,
	"max_records" integer NOT NULL,
	"duration_seconds" integer NOT NULL,
	"sampling_percentage" real,
	"record_count" integer DEFAULT 0 NOT NULL,
	"payload" jsonb,
	"sample_id" uuid,
	"error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "transform_samples" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"signal" text NOT NULL,
	"source" "sample_source" NOT NULL,
	"gateway_id" uuid,
	"capture_id" uuid,
	"payload" jsonb NOT NULL,
	"record_count" integer NOT NULL,
	"bytes" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "transform_captures" ADD CONSTRAINT "transform_captures_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transform_captures" ADD CONSTRAINT "transform_captures_gateway_id_gateways_id_fk" FOREIGN KEY ("gateway_id") REFERENCES "public"."gateways"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transform_captures" ADD CONSTRAINT "transform_captures_sample_id_transform_samples_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."transform_samples"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transform_captures" ADD CONSTRAINT "transform_captures_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transform_samples" ADD CONSTRAINT "transform_samples_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transform_samples" ADD CONSTRAINT "transform_samples_gateway_id_gateways_id_fk" FOREIGN KEY ("gateway_id") REFERENCES "public"."gateways"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transform_samples" ADD CONSTRAINT "transform_samples_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "transform_captures_open_gateway_idx" ON "transform_captures" USING btree ("gateway_id") WHERE status in ('pending', 'active');--> statement-breakpoint
CREATE INDEX "transform_captures_org_idx" ON "transform_captures" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "transform_samples_org_created_idx" ON "transform_samples" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "transform_samples_expires_idx" ON "transform_samples" USING btree ("expires_at");