import { index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { createdByAt, orgEntity } from "./orgs";

/**
 * What an org's backends read, imported by an operator (a Grafana dashboard, a rule file, a list of names): only
 * the metric names extracted are kept, not the file, so a dashboard's other content never sits here.
 */
export const metricReferenceSources = pgTable(
  "metric_reference_sources",
  {
    ...orgEntity(),
    name: text("name").notNull(),
    kind: text("kind").$type<"grafana_dashboard" | "prometheus_rules" | "name_list">().notNull(),
    names: jsonb("names").$type<string[]>().notNull(),
    patterns: jsonb("patterns").$type<string[]>().notNull(),
    recorded: jsonb("recorded").$type<string[]>().notNull(),
    expressions: integer("expressions").notNull(),
    warnings: jsonb("warnings").$type<string[]>().notNull(),
    ...createdByAt(),
  },
  (t) => [index("metric_reference_sources_org_idx").on(t.orgId, t.createdAt)],
);
