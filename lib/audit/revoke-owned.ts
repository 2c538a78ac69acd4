import type { Ctx } from "../auth/context";
import type { Tx } from "../db/client";
import { NotFoundError } from "../errors";
import { isUuid } from "../uuid";
import { recordAudit } from "./record";

/**
 * Revokes one credential of the caller's organization in a transaction with its audit row. `update` marks it revoked
 * and returns it only when it is the org's and not revoked yet; a malformed id, another org's row or one already
 * revoked is "not found" alike.
 */
export async function revokeOwned(
  ctx: Ctx,
  id: string,
  what: { label: string; action: string; targetType: string },
  update: (tx: Tx) => Promise<{ id: string; name: string }[]>,
) {
  if (!isUuid(id)) throw new NotFoundError(`${what.label} not found`);
  return ctx.db.transaction(async (tx) => {
    const [row] = await update(tx);
    if (!row) throw new NotFoundError(`${what.label} not found`);
    await recordAudit(tx, ctx, {
      action: what.action,
      targetType: what.targetType,
      targetId: id,
      details: { name: row.name },
    });
    return row;
  });
}
