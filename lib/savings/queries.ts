import { and, eq, inArray, sql } from "drizzle-orm";
import { gateways, gatewayTimeseries, organizations } from "../db/schema";
import type { Ctx } from "../auth/context";
import { findGatewayOr404 } from "../gateways/lookup";
import { selectorCondition } from "../deployments/target";
import { parseWith } from "../http/parse";
import { readSettings } from "../settings/queries";
import { assignedTemplates, transformsOf } from "./assignments";
import { savingsFigures } from "./prices";
import { savingsQuery, type GroupBy, type SavingsQuery } from "./schemas";
import { addVolumes, readGatewayVolumes, type GatewayVolume } from "./volume";

type Group = { id: string | null; name: string; volumes: GatewayVolume[] };
type Key = { id: string | null; name: string };

/** The groups each gateway falls in: its assigned template, or each transform that template uses. */
async function assignmentKeys(ctx: Ctx, by: "template" | "transform", ids: string[]): Promise<Map<string, Key[]>> {
  const templates = await assignedTemplates(ctx.db, ctx.orgId, ids);
  const used =
    by === "transform"
      ? await transformsOf(
          ctx.db,
          ctx.orgId,
          [...templates.values()].map((t) => t.versionId),
        )
      : null;
  return new Map(
    ids.map((id) => {
      const t = templates.get(id);
      if (!used) return [id, [{ id: t?.id ?? null, name: t?.name ?? "No template" }]];
      const list = (t && used.get(t.versionId)) || [];
      return [id, list.length ? list : [{ id: null, name: "No transform" }]];
    }),
  );
}

async function groupVolumes(ctx: Ctx, by: GroupBy, volumes: Map<string, GatewayVolume>): Promise<Group[]> {
  const ids = [...volumes.keys()];
  let keys: Map<string, Key[]>;
  if (by === "org") {
    const [org] = await ctx.db
      .select({ name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, ctx.orgId));
    keys = new Map(ids.map((id) => [id, [{ id: ctx.orgId, name: org?.name ?? "" }]]));
  } else if (by === "gateway") {
    const names = ids.length
      ? await ctx.db
          .select({ id: gateways.id, name: gateways.name })
          .from(gateways)
          .where(and(eq(gateways.orgId, ctx.orgId), inArray(gateways.id, ids)))
      : [];
    keys = new Map(names.map((g) => [g.id, [{ id: g.id, name: g.name }]]));
  } else keys = await assignmentKeys(ctx, by, ids);
  const groups = new Map<string | null, Group>();
  for (const [gatewayId, list] of keys)
    for (const k of list) {
      const g = groups.get(k.id) ?? { ...k, volumes: [] };
      groups.set(k.id, g);
      g.volumes.push(volumes.get(gatewayId)!);
    }
  return [...groups.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * What the gateways kept from the backend over a window: per signal, items accepted by receivers minus items sent
 * (per gateway, its busiest exporter of the signal: see readGatewayVolumes), and the same for bytes where the
 * collectors report request sizes. Grouped by org, gateway, assigned template or its transforms, with a cost
 * estimate from the org's prices.
 */
export async function getSavings(ctx: Ctx, query: SavingsQuery | Record<string, string>) {
  const q = parseWith(savingsQuery, query);
  const gateway = q.gateway_id ? await findGatewayOr404(ctx.db, ctx.orgId, q.gateway_id) : null;
  const scope = and(
    gateway ? eq(gatewayTimeseries.gatewayId, gateway.id) : undefined,
    q.selector
      ? sql`${gatewayTimeseries.gatewayId} in (select ${gateways.id} from ${gateways} where ${and(eq(gateways.orgId, ctx.orgId), selectorCondition(q.selector))})`
      : undefined,
  );
  const volumes = await readGatewayVolumes(ctx.db, ctx.orgId, scope, q.from, q.to);
  const prices = (await readSettings(ctx.db, ctx.orgId))["savings.prices"];
  const summary = (list: GatewayVolume[]) => ({ gateways: list.length, ...savingsFigures(addVolumes(list), prices) });
  return {
    from: q.from.toISOString(),
    to: q.to.toISOString(),
    gateway_id: gateway?.id ?? null,
    group_by: q.group_by,
    prices,
    total: summary([...volumes.values()]),
    groups: (await groupVolumes(ctx, q.group_by, volumes)).map((g) => ({
      id: g.id,
      name: g.name,
      ...summary(g.volumes),
    })),
  };
}
