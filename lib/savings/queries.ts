import { and, eq, inArray, sql } from "drizzle-orm";
import { gateways, gatewayTimeseries, organizations } from "../db/schema";
import type { Ctx } from "../auth/context";
import { findGatewayOr404 } from "../gateways/lookup";
import { selectorCondition } from "../deployments/target";
import { parseWith } from "../http/parse";
import { readSettings } from "../settings/queries";
import { assignedTemplates } from "./assignments";
import { savingsFigures } from "./prices";
import { savingsQuery, type GroupBy, type SavingsQuery } from "./schemas";
import { addVolumes, readGatewayVolumes, type GatewayVolume } from "./volume";

type Group = { id: string | null; name: string; volumes: GatewayVolume[] };

async function groupVolumes(ctx: Ctx, by: GroupBy, volumes: Map<string, GatewayVolume>): Promise<Group[]> {
  const ids = [...volumes.keys()];
  if (by === "org") {
    const [org] = await ctx.db
      .select({ name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, ctx.orgId));
    return [{ id: ctx.orgId, name: org?.name ?? "", volumes: [...volumes.values()] }];
  }
  const groups = new Map<string | null, Group>();
  const add = (id: string | null, name: string, v: GatewayVolume) => {
    const g = groups.get(id) ?? { id, name, volumes: [] };
    groups.set(id, g);
    g.volumes.push(v);
  };
  if (by === "gateway") {
    const names = ids.length
      ? await ctx.db
          .select({ id: gateways.id, name: gateways.name })
          .from(gateways)
          .where(and(eq(gateways.orgId, ctx.orgId), inArray(gateways.id, ids)))
      : [];
    for (const g of names) add(g.id, g.name, volumes.get(g.id)!);
  } else {
    const templates = await assignedTemplates(ctx.db, ctx.orgId, ids);
    for (const [id, v] of volumes) {
      const t = templates.get(id);
      add(t?.id ?? null, t?.name ?? "No template", v);
    }
  }
  return [...groups.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * What the gateways kept from the backend over a window: per signal, items accepted by receivers minus items sent
 * (per gateway, its busiest exporter of the signal: see readGatewayVolumes), and the same for bytes where the
 * collectors report request sizes. Grouped by org, gateway or assigned template, with a cost estimate from the
 * org's prices.
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
