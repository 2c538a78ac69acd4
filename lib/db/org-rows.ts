import { and, eq, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { ConflictError, isUniqueViolation, NotFoundError } from "../errors";
import { isUuid } from "../uuid";
import type { Ctx } from "../auth/context";
import { recordAudit } from "../audit/record";
import type { Queryable, Tx } from "./client";

/** A table of org-owned rows keyed by a UUID. */
type OrgTable = PgTable & { id: PgColumn; orgId: PgColumn };
/** Org-owned documents saved as numbered versions (templates, transforms). */
type VersionedTable = OrgTable & { latestVersion: PgColumn; updatedAt: PgColumn };

/**
 * The org's row with this id, else 404 with `notFound`: a malformed id and another org's row look exactly like a
 * missing one. `forUpdate` locks the row for the rest of the transaction.
 */
export async function findOrgRowOr404<T extends OrgTable>(
  db: Queryable,
  table: T,
  ref: { orgId: string; id: string; notFound: string; forUpdate?: boolean },
): Promise<T["$inferSelect"]> {
  if (!isUuid(ref.id)) throw new NotFoundError(ref.notFound);
  const q = db
    .select()
    .from(table as PgTable)
    .where(and(eq(table.id, ref.id), eq(table.orgId, ref.orgId)));
  const [row] = (ref.forUpdate ? await q.for("update") : await q) as T["$inferSelect"][];
  if (!row) throw new NotFoundError(ref.notFound);
  return row;
}

/**
 * Optimistic concurrency of a versioned document: bumps `latest_version` only while it is still `baseVersion`, in
 * one conditional UPDATE, so of two saves from the same base exactly one wins; the other waits on the row lock, sees
 * the new number and gets a 409 carrying `latest_version`. `noun` names the document in the messages.
 */
export async function bumpLatestVersion<T extends VersionedTable>(
  tx: Queryable,
  table: T,
  ref: { orgId: string; id: string; baseVersion: number; noun: string },
): Promise<T["$inferSelect"]> {
  const own = and(eq(table.id, ref.id), eq(table.orgId, ref.orgId));
  const [bumped] = (await tx
    .update(table as PgTable)
    .set({ latestVersion: sql`${table.latestVersion} + 1`, updatedAt: new Date() } as never)
    .where(and(own, eq(table.latestVersion, ref.baseVersion)))
    .returning()) as T["$inferSelect"][];
  if (bumped) return bumped;
  const [current] = await tx
    .select({ latest: table.latestVersion })
    .from(table as PgTable)
    .where(own);
  if (!current) throw new NotFoundError(`${ref.noun} not found`);
  throw new ConflictError(`${ref.noun} was changed by someone else (now at version ${current.latest})`, {
    latest_version: current.latest,
  });
}

/** Runs `write`; a unique violation (a name already taken) becomes a 409 with `message`. */
export async function conflictOnDuplicate<T>(message: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(message);
    throw err;
  }
}

/** Deletes the org's row with this id and answers it, else 404 with `notFound` (a malformed id included). */
export async function deleteOrgRowOr404<T extends OrgTable>(
  db: Queryable,
  table: T,
  ref: { orgId: string; id: string; notFound: string },
): Promise<T["$inferSelect"]> {
  if (!isUuid(ref.id)) throw new NotFoundError(ref.notFound);
  const [row] = (await db
    .delete(table as PgTable)
    .where(and(eq(table.id, ref.id), eq(table.orgId, ref.orgId)))
    .returning()) as T["$inferSelect"][];
  if (!row) throw new NotFoundError(ref.notFound);
  return row;
}

/** An org-owned table whose rows remember who created them. */
type CreatedTable = OrgTable & { createdBy: PgColumn };

/**
 * Inserts one org row created by the caller and its `<noun>.create` audit row, in one transaction. `check` runs
 * first in that transaction (a reference that must exist); `details` says what the audit row records.
 */
export async function createOrgRowAudited<T extends CreatedTable>(
  ctx: Pick<Ctx, "db" | "orgId" | "actor" | "userId">,
  table: T,
  values: Omit<T["$inferInsert"], "orgId" | "createdBy">,
  audit: { noun: string; details: (row: T["$inferSelect"]) => Record<string, unknown> },
  check?: (tx: Tx) => Promise<void>,
): Promise<T["$inferSelect"]> {
  return ctx.db.transaction(async (tx) => {
    await check?.(tx);
    const [row] = (await tx
      .insert(table as PgTable)
      .values({ orgId: ctx.orgId, ...values, createdBy: ctx.userId ?? null } as never)
      .returning()) as T["$inferSelect"][];
    await recordAudit(tx, ctx, {
      action: `${audit.noun}.create`,
      targetType: audit.noun,
      targetId: (row as { id: string }).id,
      details: audit.details(row),
    });
    return row;
  });
}

/** deleteOrgRowOr404 plus the `<noun>.delete` audit row, in the caller's transaction; answers the deleted row. */
export async function deleteOrgRowAudited<T extends OrgTable>(
  tx: Queryable,
  ctx: Pick<Ctx, "orgId" | "actor">,
  table: T,
  ref: { id: string; notFound: string; noun: string },
  details: (row: T["$inferSelect"]) => Record<string, unknown>,
): Promise<T["$inferSelect"]> {
  const row = await deleteOrgRowOr404(tx, table, { orgId: ctx.orgId, id: ref.id, notFound: ref.notFound });
  await recordAudit(tx, ctx, {
    action: `${ref.noun}.delete`,
    targetType: ref.noun,
    targetId: (row as { id: string }).id,
    details: details(row),
  });
  return row;
}
