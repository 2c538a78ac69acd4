CREATE TYPE "public"."capture_status" AS ENUM('pending', 'active', 'completed', 'expired', 'failed');--> statement-breakpoint
CREATE TYPE "public"."sample_source" AS ENUM('paste', 'upload', 'capture');--> statement-breakpoint
CREATE TYPE "public"."transform_signal" AS ENUM('logs', 'metrics', 'traces');--> statement-breakpoint
CREATE TYPE "public"."alert_channel_kind" AS ENUM('webhook', 'slack');--> statement-breakpoint
CREATE TYPE "public"."alert_event" AS ENUM('firing', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."alert_rule_kind" AS ENUM('gateway_down', 'deployment_failed', 'token_expiring', 'fleet_health_below');--> statement-breakpoint
CREATE TYPE "public"."notification_delivery_status" AS ENUM('pending', 'delivered', 'failed');--> statement-breakpoint
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
CREATE TABLE "template_version_transforms" (
	"template_version_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"transform_version_id" uuid NOT NULL,
	"transform_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"pinned" boolean NOT NULL,
	CONSTRAINT "template_version_transforms_template_version_id_transform_version_id_pk" PRIMARY KEY("template_version_id","transform_version_id")
);
--> statement-breakpoint
CREATE TABLE "transform_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"transform_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"steps" jsonb NOT NULL,
	"steps_hash" text NOT NULL,
	"message" text,
	"author_id" uuid,
	"actor" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "transforms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"signal" "transform_signal" NOT NULL,
	"description" text,
	"latest_version" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_channels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" "alert_channel_kind" NOT NULL,
	"url" text NOT NULL,
	"secret" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"rule_id" uuid,
	"rule_name" text NOT NULL,
	"rule_kind" "alert_rule_kind" NOT NULL,
	"event" "alert_event" NOT NULL,
	"subject" text NOT NULL,
	"subject_label" text NOT NULL,
	"summary" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" "alert_rule_kind" NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"channel_id" uuid,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_states" (
	"rule_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"label" text NOT NULL,
	"state" text NOT NULL,
	"since" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_states_rule_id_subject_pk" PRIMARY KEY("rule_id","subject")
);
--> statement-breakpoint
CREATE TABLE "fleet_health_snapshots" (
	"org_id" uuid NOT NULL,
	"bucket_at" timestamp with time zone NOT NULL,
	"healthy" integer NOT NULL,
	"warning" integer NOT NULL,
	"unhealthy" integer NOT NULL,
	"offline" integer NOT NULL,
	"unknown" integer NOT NULL,
	CONSTRAINT "fleet_health_snapshots_org_id_bucket_at_pk" PRIMARY KEY("org_id","bucket_at")
);
--> statement-breakpoint
CREATE TABLE "notification_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notification_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"status" "notification_delivery_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "template_versions" ADD COLUMN "rendered_content" text;--> statement-breakpoint
ALTER TABLE "transform_captures" ADD CONSTRAINT "transform_captures_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transform_captures" ADD CONSTRAINT "transform_captures_gateway_id_gateways_id_fk" FOREIGN KEY ("gateway_id") REFERENCES "public"."gateways"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transform_captures" ADD CONSTRAINT "transform_captures_sample_id_transform_samples_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."transform_samples"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transform_captures" ADD CONSTRAINT "transform_captures_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transform_samples" ADD CONSTRAINT "transform_samples_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transform_samples" ADD CONSTRAINT "transform_samples_gateway_id_gateways_id_fk" FOREIGN KEY ("gateway_id") REFERENCES "public"."gateways"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transform_samples" ADD CONSTRAINT "transform_samples_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_version_transforms" ADD CONSTRAINT "template_version_transforms_template_version_id_template_versions_id_fk" FOREIGN KEY ("template_version_id") REFERENCES "public"."template_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_version_transforms" ADD CONSTRAINT "template_version_transforms_template_id_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_version_transforms" ADD CONSTRAINT "template_version_transforms_transform_version_id_transform_versions_id_fk" FOREIGN KEY ("transform_version_id") REFERENCES "public"."transform_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_version_transforms" ADD CONSTRAINT "template_version_transforms_transform_id_transforms_id_fk" FOREIGN KEY ("transform_id") REFERENCES "public"."transforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_version_transforms" ADD CONSTRAINT "template_version_transforms_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transform_versions" ADD CONSTRAINT "transform_versions_transform_id_transforms_id_fk" FOREIGN KEY ("transform_id") REFERENCES "public"."transforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transform_versions" ADD CONSTRAINT "transform_versions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transform_versions" ADD CONSTRAINT "transform_versions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transforms" ADD CONSTRAINT "transforms_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transforms" ADD CONSTRAINT "transforms_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_channels" ADD CONSTRAINT "alert_channels_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_channels" ADD CONSTRAINT "alert_channels_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_notifications" ADD CONSTRAINT "alert_notifications_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_notifications" ADD CONSTRAINT "alert_notifications_rule_id_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alert_rules"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_channel_id_alert_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."alert_channels"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_states" ADD CONSTRAINT "alert_states_rule_id_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alert_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fleet_health_snapshots" ADD CONSTRAINT "fleet_health_snapshots_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_notification_id_alert_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."alert_notifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_channel_id_alert_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."alert_channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "transform_captures_open_gateway_idx" ON "transform_captures" USING btree ("gateway_id") WHERE status in ('pending', 'active');--> statement-breakpoint
CREATE INDEX "transform_captures_org_idx" ON "transform_captures" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "transform_samples_org_created_idx" ON "transform_samples" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "transform_samples_expires_idx" ON "transform_samples" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "template_version_transforms_transform_idx" ON "template_version_transforms" USING btree ("transform_id");--> statement-breakpoint
CREATE UNIQUE INDEX "transform_versions_transform_version_idx" ON "transform_versions" USING btree ("transform_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "transforms_org_name_idx" ON "transforms" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "transforms_org_id_idx" ON "transforms" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "alert_channels_org_id_idx" ON "alert_channels" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "alert_notifications_org_created_idx" ON "alert_notifications" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "alert_rules_org_id_idx" ON "alert_rules" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "fleet_health_snapshots_bucket_idx" ON "fleet_health_snapshots" USING btree ("bucket_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notification_deliveries_notification_channel_idx" ON "notification_deliveries" USING btree ("notification_id","channel_id");--> statement-breakpoint
CREATE INDEX "notification_deliveries_due_idx" ON "notification_deliveries" USING btree ("status","next_attempt_at");