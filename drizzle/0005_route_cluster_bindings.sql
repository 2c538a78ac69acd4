CREATE TABLE "route_cluster_bindings" (
	"org_id" uuid NOT NULL,
	"cluster_uuid" text NOT NULL,
	"gateway_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "route_cluster_bindings_org_id_cluster_uuid_pk" PRIMARY KEY("org_id","cluster_uuid")
);
--> statement-breakpoint
ALTER TABLE "route_cluster_bindings" ADD CONSTRAINT "route_cluster_bindings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "route_cluster_bindings" ADD CONSTRAINT "route_cluster_bindings_gateway_id_gateways_id_fk" FOREIGN KEY ("gateway_id") REFERENCES "public"."gateways"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "route_cluster_bindings_gateway_id_idx" ON "route_cluster_bindings" USING btree ("gateway_id");