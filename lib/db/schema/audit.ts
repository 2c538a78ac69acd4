import { index, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt } from "./common";
import { orgEntity } from "./orgs";

export const auditLog = pgTable(
  "audit_log",
  {
    ...orgEntity(),
    /** "user:<id>", "api_key:<id>", "gateway:<id>" or "system". */
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index("audit_log_org_created_idx").on(t.orgId, t.createdAt)],
);
