import { and, eq, inArray } from "drizzle-orm";
import {
  alertChannels,
  alertRules,
  apiKeys,
  deployments,
  gateways,
  registrationTokens,
  templates,
  transforms,
} from "../db/schema";
import type { Ctx } from "../auth/context";
import { isUuid } from "../uuid";

// Target types whose rows carry a name people know them by; others keep their id.
const NAMED = {
  gateway: gateways,
  template: templates,
  deployment: deployments,
  transform: transforms,
  registration_token: registrationTokens,
  api_key: apiKeys,
  alert_rule: alertRules,
  alert_channel: alertChannels,
} as const;

/**
 * The current names of audit targets, keyed `type:id`, one query per target type on the page. Deleted rows have no
 * name any more: the entry then falls back to the name it recorded in its details, or its id.
 */
export async function targetLabels(
  ctx: Ctx,
  targets: { type: string; id: string | null }[],
): Promise<Map<string, string>> {
  const byType = new Map<keyof typeof NAMED, Set<string>>();
  for (const t of targets) {
    if (!t.id || !isUuid(t.id) || !(t.type in NAMED)) continue;
    const type = t.type as keyof typeof NAMED;
    byType.set(type, (byType.get(type) ?? new Set()).add(t.id));
  }
  const labels = new Map<string, string>();
  await Promise.all(
    [...byType].map(async ([type, ids]) => {
      const table = NAMED[type];
      const rows = await ctx.db
        .select({ id: table.id, name: table.name })
        .from(table)
        .where(and(eq(table.orgId, ctx.orgId), inArray(table.id, [...ids])));
      for (const r of rows) labels.set(`${type}:${r.id}`, r.name);
    }),
  );
  return labels;
}
