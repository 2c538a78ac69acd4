CREATE TYPE "public"."transform_signal" AS ENUM('logs', 'metrics', 'traces');--> statement-breakpoint
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
ALTER TABLE "template_versions" ADD COLUMN "rendered_content" text;--> statement-breakpoint
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
CREATE INDEX "template_version_transforms_transform_idx" ON "template_version_transforms" USING btree ("transform_id");--> statement-breakpoint
CREATE UNIQUE INDEX "transform_versions_transform_version_idx" ON "transform_versions" USING btree ("transform_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "transforms_org_name_idx" ON "transforms" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "transforms_org_id_idx" ON "transforms" USING btree ("org_id");