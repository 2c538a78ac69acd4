import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { gateways } from "../../db/schema";
import type { Queryable } from "../../db/client";
import { uuidList } from "../../db/lists";
import type { Ctx } from "../../auth/context";
import { InvalidInputError } from "../../errors";
import { gatewayFilterCondition } from "../queries";
import { GATEWAY_NOT_FOUND } from "../lookup";
import { MAX_BULK_GATEWAYS, type BulkGatewaysRequest } from "./schemas";

export type BulkError = { gateway_id: string; detail: string };
export type Selected = { id: string; capabilities: number | null }[];

/**
 * The org's gateways a bulk request names, by ids (another org's or unknown ids become errors, never matches) or by
 * the list's filters. More than MAX_BULK_GATEWAYS is refused rather than cut, so "all N" never silently means fewer.
 */
export async function selectBulkGateways(db: Queryable, ctx: Ctx, req: BulkGatewaysRequest) {
  const where: SQL = req.gateway_ids
    ? and(eq(gateways.orgId, ctx.orgId), sql`${gateways.id} in ${uuidList(req.gateway_ids)}`)!
    : gatewayFilterCondition(ctx, req.filter ?? {});
  const rows: Selected = await db
    .select({ id: gateways.id, capabilities: gateways.capabilities })
    .from(gateways)
    .where(where)
    .orderBy(asc(gateways.name), asc(gateways.id))
    .limit(MAX_BULK_GATEWAYS + 1);
  if (rows.length > MAX_BULK_GATEWAYS)
    throw new InvalidInputError(`The selection matches more than ${MAX_BULK_GATEWAYS} gateways; narrow the filter`);
  const errors: BulkError[] = [];
  if (req.gateway_ids) {
    const found = new Set(rows.map((r) => r.id));
    for (const id of new Set(req.gateway_ids))
      if (!found.has(id)) errors.push({ gateway_id: id, detail: GATEWAY_NOT_FOUND });
  }
  return { rows, errors };
}
