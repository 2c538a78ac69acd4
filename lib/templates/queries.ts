import { and, desc, eq, ilike } from "drizzle-orm";
import { templates, templateVersions } from "../db/schema";
import type { Queryable } from "../db/client";
import type { Ctx } from "../auth/context";
import type { Page } from "../http/pagination";
import { pageOfRows } from "../db/page";
import { escapeLike } from "../db/like";
import { NotFoundError } from "../errors";
import {
  findTemplateOr404,
  templateJson,
  templateKind,
  versionJson,
  type TemplateJson,
  type VersionJson,
} from "./shared";
import { findVersion, listVersions, type PageOpts } from "./versioned";
import { unifiedDiff } from "./unified-diff";

/** A version's columns without its body (lists; one version adds the body). */
const versionColumns = {
  id: templateVersions.id,
  templateId: templateVersions.templateId,
  version: templateVersions.version,
  message: templateVersions.message,
  contentHash: templateVersions.contentHash,
  authorId: templateVersions.authorId,
  createdAt: templateVersions.createdAt,
};

/** The org's templates, the base config first, then the most recently changed. */
export async function listTemplates(
  ctx: Ctx,
  opts: { page?: number; limit?: number; q?: string } = {},
): Promise<Page<TemplateJson>> {
  const page = Math.max(opts.page ?? 1, 1);
  const limit = Math.min(Math.max(opts.limit ?? 20, 1), 100);
  const where = and(
    eq(templates.orgId, ctx.orgId),
    opts.q ? ilike(templates.name, `%${escapeLike(opts.q)}%`) : undefined,
  );
  const { items: rows, total } = await pageOfRows(ctx.db, templates, {
    where,
    orderBy: [desc(templates.isBase), desc(templates.updatedAt), desc(templates.id)],
    page,
    limit,
  });
  return { items: rows.map(templateJson), total, page, limit };
}

/** A template with its latest version's content. */
export async function getTemplate(ctx: Ctx, templateId: string) {
  const template = await findTemplateOr404(ctx.db, ctx.orgId, templateId);
  const latest = await versionRow(ctx.db, templateId, template.latestVersion);
  return {
    ...templateJson(template),
    content: latest?.content ?? "",
    latest: latest ? versionJson(latest, latest.author) : null,
  };
}

export function listTemplateVersions(ctx: Ctx, templateId: string, opts: PageOpts = {}): Promise<Page<VersionJson>> {
  return listVersions(ctx, templateKind, templateId, opts, versionColumns, versionJson);
}

/** `rendered_content` is what gateways get: the content with its transform references expanded (null when it has none). */
export async function getTemplateVersion(
  ctx: Ctx,
  templateId: string,
  version: number,
): Promise<VersionJson & { content: string; rendered_content: string | null }> {
  await findTemplateOr404(ctx.db, ctx.orgId, templateId);
  const row = await versionRow(ctx.db, templateId, version);
  if (!row) throw new NotFoundError(`Template version ${version} not found`);
  return { ...versionJson(row, row.author), content: row.content, rendered_content: row.renderedContent };
}

/** Unified diff of the YAML between two versions (either order; from → to). */
export async function diffTemplateVersions(ctx: Ctx, templateId: string, from: number, to: number) {
  const template = await findTemplateOr404(ctx.db, ctx.orgId, templateId);
  const [a, b] = await Promise.all([versionRow(ctx.db, templateId, from), versionRow(ctx.db, templateId, to)]);
  if (!a) throw new NotFoundError(`Template version ${from} not found`);
  if (!b) throw new NotFoundError(`Template version ${to} not found`);
  const d = unifiedDiff(a.content, b.content, { from: `${template.name}@v${from}`, to: `${template.name}@v${to}` });
  return { template_id: templateId, from, to, diff: d.diff, added: d.added, removed: d.removed };
}

function versionRow(db: Queryable, templateId: string, version: number) {
  return findVersion(db, templateKind, templateId, version, {
    ...versionColumns,
    content: templateVersions.content,
    renderedContent: templateVersions.renderedContent,
  });
}
