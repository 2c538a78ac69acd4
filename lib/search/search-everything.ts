import { and, asc, eq, ilike, or, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Ctx } from "../auth/context";
import { escapeLike } from "../db/like";
import { deployments, gateways, templates } from "../db/schema";
import { parseWith } from "../http/parse";

export const searchInput = z.object({
  q: z.string().trim().min(1, "Type something to search for").max(200),
  limit: z.number().int().min(1).max(20).default(5),
});
export type SearchInput = z.input<typeof searchInput>;

export type SearchHit = { kind: "gateway" | "template" | "deployment"; id: string; name: string; href: string };

type NamedTable = PgTable & { id: PgColumn; name: PgColumn; orgId: PgColumn };

/** The first rows of one org-scoped table that match, by name. */
async function firstMatches(ctx: Ctx, table: NamedTable, match: SQL | undefined, limit: number) {
  const rows = await ctx.db
    .select({ id: table.id, name: table.name })
    .from(table)
    .where(and(eq(table.orgId, ctx.orgId), match))
    .orderBy(asc(table.name))
    .limit(limit);
  return rows as { id: string; name: string }[];
}

/**
 * The command palette's look-up: the first few gateways (by name or hostname), templates and deployments of the
 * caller's organization whose name contains the text, each with the page it opens.
 */
export async function searchEverything(ctx: Ctx, input: SearchInput): Promise<SearchHit[]> {
  const { q, limit } = parseWith(searchInput, input);
  const term = `%${escapeLike(q)}%`;
  const [gw, tpl, dep] = await Promise.all([
    firstMatches(ctx, gateways, or(ilike(gateways.name, term), ilike(gateways.hostname, term)), limit),
    firstMatches(ctx, templates, ilike(templates.name, term), limit),
    firstMatches(ctx, deployments, ilike(deployments.name, term), limit),
  ]);
  return [
    ...gw.map((r) => ({ kind: "gateway" as const, ...r, href: `/agents/${r.id}` })),
    ...tpl.map((r) => ({ kind: "template" as const, ...r, href: `/templates/${r.id}` })),
    ...dep.map((r) => ({ kind: "deployment" as const, ...r, href: `/deployments/${r.id}` })),
  ];
}
