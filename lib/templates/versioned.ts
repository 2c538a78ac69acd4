import { and, count, desc, eq } from "drizzle-orm";
import type { PgColumn, PgTable, SelectedFields } from "drizzle-orm/pg-core";
import type { SelectResultFields } from "drizzle-orm/query-builders/select.types";
import { users } from "../db/schema";
import type { Queryable } from "../db/client";
import type { Ctx } from "../auth/context";
import type { Page } from "../http/pagination";
import { pageOf } from "../db/page";
import { bumpLatestVersion, conflictOnDuplicate, findOrgRowOr404 } from "../db/org-rows";
import { InvalidInputError } from "../errors";
import { recordAudit } from "../audit/record";

/**
 * What templates and transforms share: an org-owned document whose content is saved as immutable numbered versions,
 * with optimistic concurrency on `latest_version`. A kind names its two tables; the verbs below do the rest.
 */
/** Which page of a list to read (defaults: the first, 20 rows). */
export type PageOpts = { page?: number; limit?: number };

const capitalized = (s: string) => s[0].toUpperCase() + s.slice(1);

type DocumentTable = PgTable & { id: PgColumn; orgId: PgColumn; latestVersion: PgColumn; updatedAt: PgColumn };
type VersionTable = PgTable & { orgId: PgColumn; version: PgColumn; authorId: PgColumn };

export type DocumentKind<
  D extends DocumentTable,
  V extends VersionTable,
  P extends keyof V & string = keyof V & string,
> = {
  /** The audit target type and action prefix ("template" → "template.create"). */
  noun: "template" | "transform";
  documents: D;
  versions: V;
  /** The versions' key to their document (`templateId`, `transformId`). */
  parentKey: P;
  /** The 404 message for a missing document ("Template not found"). */
  notFound: string;
};

export const documentKind = <D extends DocumentTable, V extends VersionTable, P extends keyof V & string>(
  noun: DocumentKind<D, V, P>["noun"],
  documents: D,
  versions: V,
  parentKey: P,
): DocumentKind<D, V, P> => ({ noun, documents, versions, parentKey, notFound: `${capitalized(noun)} not found` });

const parentColumn = <V extends VersionTable>(kind: { versions: V; parentKey: keyof V & string }) =>
  kind.versions[kind.parentKey] as PgColumn;

/** The document fields a create sends; the org, creator and version counter are set here. */
type NewDocument<D extends DocumentTable> = Omit<D["$inferInsert"], "orgId" | "latestVersion" | "createdBy">;
/** A version's own fields (its body, hash, message); the document, org, number and author are set here. */
/** A version row read with `columns`, and its author's email (null once the user is gone). */
type VersionRead<C extends SelectedFields> = SelectResultFields<C> & { author: string | null };
type NewVersion<V extends VersionTable, P extends string> = Omit<
  V["$inferInsert"],
  P | "orgId" | "version" | "authorId"
>;

/**
 * Creates a document with its version 1 in one transaction, then runs `after` in it (links, audit, the answer).
 * A name already taken is a 409.
 */
export function createDocument<D extends DocumentTable, V extends VersionTable, P extends keyof V & string, R>(
  ctx: Ctx,
  kind: DocumentKind<D, V, P>,
  input: { document: NewDocument<D> & { name: string }; first: NewVersion<V, P> & { message?: string | null } },
  after: (tx: Queryable, created: { document: D["$inferSelect"]; version: V["$inferSelect"] }) => Promise<R>,
): Promise<R> {
  return conflictOnDuplicate(`A ${kind.noun} named "${input.document.name}" already exists`, () =>
    ctx.db.transaction(async (tx) => after(tx, await insertDocument(tx, ctx, kind, input.document, input.first))),
  );
}

/** Inserts a document with its version 1 ("Initial version" unless the caller wrote a message). */
export async function insertDocument<D extends DocumentTable, V extends VersionTable, P extends keyof V & string>(
  tx: Queryable,
  ctx: Ctx,
  kind: DocumentKind<D, V, P>,
  document: NewDocument<D>,
  first: NewVersion<V, P> & { message?: string | null },
): Promise<{ document: D["$inferSelect"]; version: V["$inferSelect"] }> {
  const [row] = (await tx
    .insert(kind.documents)
    .values({ ...document, orgId: ctx.orgId, latestVersion: 1, createdBy: ctx.userId ?? null } as never)
    .returning()) as D["$inferSelect"][];
  const version = await insertVersion(tx, ctx, kind, (row as { id: string }).id, 1, {
    ...first,
    message: first.message || "Initial version",
  });
  return { document: row, version };
}

/** Inserts version `number` of document `id`, written by the caller. */
export async function insertVersion<D extends DocumentTable, V extends VersionTable, P extends keyof V & string>(
  tx: Queryable,
  ctx: Ctx,
  kind: DocumentKind<D, V, P>,
  id: string,
  number: number,
  fields: NewVersion<V, P>,
): Promise<V["$inferSelect"]> {
  const [row] = (await tx
    .insert(kind.versions)
    .values({
      ...fields,
      [kind.parentKey]: id,
      orgId: ctx.orgId,
      version: number,
      authorId: ctx.userId ?? null,
    } as never)
    .returning()) as V["$inferSelect"][];
  return row;
}

/**
 * Saves the next version from `baseVersion` (409 when someone saved since) and refuses a save that changes nothing:
 * `unchanged` compares what the base version stored, read through `compare`. Answers the bumped document and the
 * new version.
 */
export async function saveNextVersion<
  D extends DocumentTable,
  V extends VersionTable,
  P extends keyof V & string,
  C extends SelectedFields,
>(
  tx: Queryable,
  ctx: Ctx,
  kind: DocumentKind<D, V, P>,
  save: {
    id: string;
    baseVersion: number;
    compare: C;
    unchanged: (base: SelectResultFields<C>) => boolean;
    fields: NewVersion<V, P>;
  },
): Promise<{ document: D["$inferSelect"]; version: V["$inferSelect"] }> {
  const document = await bumpLatestVersion(tx, kind.documents, {
    orgId: ctx.orgId,
    id: save.id,
    baseVersion: save.baseVersion,
    noun: capitalized(kind.noun),
  });
  const [base] = (await tx
    .select(save.compare)
    .from(kind.versions as PgTable)
    .where(
      and(eq(parentColumn(kind), save.id), eq(kind.versions.version, save.baseVersion)),
    )) as SelectResultFields<C>[];
  if (base && save.unchanged(base)) throw new InvalidInputError(`Nothing changed since version ${save.baseVersion}`);
  const latest = (document as { latestVersion: number }).latestVersion;
  return { document, version: await insertVersion(tx, ctx, kind, save.id, latest, save.fields) };
}

/** The audit row of a change to a document: `<noun>.<verb>` on the document. */
export function auditDocument(
  tx: Queryable,
  ctx: Ctx,
  kind: { noun: string },
  verb: string,
  id: string,
  details: Record<string, unknown>,
): Promise<void> {
  return recordAudit(tx, ctx, { action: `${kind.noun}.${verb}`, targetType: kind.noun, targetId: id, details });
}

/** One page of a document's versions (404 without the document), newest first, read with `columns` and its author. */
export async function listVersions<D extends DocumentTable, V extends VersionTable, C extends SelectedFields, R>(
  ctx: Ctx,
  kind: DocumentKind<D, V>,
  id: string,
  opts: PageOpts,
  columns: C,
  json: (row: VersionRead<C>, author: string | null) => R,
): Promise<Page<R>> {
  await findOrgRowOr404(ctx.db, kind.documents, { orgId: ctx.orgId, id, notFound: kind.notFound });
  const page = Math.max(opts.page ?? 1, 1);
  const limit = Math.min(Math.max(opts.limit ?? 20, 1), 100);
  const where = and(eq(parentColumn(kind), id), eq(kind.versions.orgId, ctx.orgId));
  const { items: rows, total } = await pageOf(
    { page, limit },
    (limit, offset) =>
      ctx.db
        .select({ ...columns, author: users.email })
        .from(kind.versions as PgTable)
        .leftJoin(users, eq(users.id, kind.versions.authorId))
        .where(where)
        .orderBy(desc(kind.versions.version))
        .limit(limit)
        .offset(offset) as Promise<VersionRead<C>[]>,
    () =>
      ctx.db
        .select({ n: count() })
        .from(kind.versions as PgTable)
        .where(where),
  );
  return { items: rows.map((r) => json(r, r.author)), total, page, limit };
}

/** Version `version` of document `id` with `columns` and its author's email; undefined when there is none. */
export async function findVersion<V extends VersionTable, C extends SelectedFields>(
  db: Queryable,
  kind: { versions: V; parentKey: keyof V & string },
  id: string,
  version: number,
  columns: C,
) {
  const [row] = await db
    .select({ ...columns, author: users.email })
    .from(kind.versions as PgTable)
    .leftJoin(users, eq(users.id, kind.versions.authorId))
    .where(and(eq(parentColumn(kind), id), eq(kind.versions.version, version)));
  return row as VersionRead<C> | undefined;
}
