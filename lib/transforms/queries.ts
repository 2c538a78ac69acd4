import { and, desc, eq, ilike } from "drizzle-orm";
import { stringify } from "yaml";
import { transforms, transformVersions } from "../db/schema";
import type { Queryable } from "../db/client";
import type { Ctx } from "../auth/context";
import type { Page } from "../http/pagination";
import { pageOfRows } from "../db/page";
import { escapeLike } from "../db/like";
import { NotFoundError } from "../errors";
import { parseWith } from "../http/parse";
import { readAllowList } from "../settings/queries";
import { unifiedDiff } from "../templates/unified-diff";
import { findVersion, listVersions, type PageOpts } from "../templates/versioned";
import { validateCollectorConfig, type AllowList, type ValidationResult } from "../validation/validate";
import { listTransformsQuery, type ListTransformsQuery } from "./schemas";
import {
  findTransformOr404,
  transformJson,
  transformKind,
  versionJson,
  whereUsed,
  type TransformJson,
  type TransformVersionJson,
} from "./shared";
import { compileVersion, renderSteps } from "./spec";
import type { CompiledTransform } from "./types";

/** A version's columns without its body (lists; one version adds the body). */
const versionColumns = {
  id: transformVersions.id,
  transformId: transformVersions.transformId,
  version: transformVersions.version,
  message: transformVersions.message,
  stepsHash: transformVersions.stepsHash,
  authorId: transformVersions.authorId,
  actor: transformVersions.actor,
  createdAt: transformVersions.createdAt,
};

/** The org's transforms, most recently changed first, each with where it is used. */
export async function listTransforms(ctx: Ctx, query: ListTransformsQuery = {}): Promise<Page<TransformJson>> {
  const { page, limit, q, signal } = parseWith(listTransformsQuery, query);
  const where = and(
    eq(transforms.orgId, ctx.orgId),
    q ? ilike(transforms.name, `%${escapeLike(q)}%`) : undefined,
    signal ? eq(transforms.signal, signal) : undefined,
  );
  const { items: rows, total } = await pageOfRows(ctx.db, transforms, {
    where,
    orderBy: [desc(transforms.updatedAt), desc(transforms.id)],
    page,
    limit,
  });
  const used = await whereUsed(
    ctx.db,
    ctx.orgId,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => transformJson(r, used.get(r.id))), total, page, limit };
}

/** A transform with its latest version (steps included) and where it is used. */
export async function getTransform(ctx: Ctx, transformId: string) {
  const transform = await findTransformOr404(ctx.db, ctx.orgId, transformId);
  const [latest, used] = await Promise.all([
    versionRow(ctx.db, transformId, transform.latestVersion),
    whereUsed(ctx.db, ctx.orgId, [transformId]),
  ]);
  return {
    ...transformJson(transform, used.get(transformId)),
    latest: latest ? versionJson(latest, latest.author) : null,
  };
}

export function listTransformVersions(
  ctx: Ctx,
  transformId: string,
  opts: PageOpts = {},
): Promise<Page<TransformVersionJson>> {
  return listVersions(ctx, transformKind, transformId, opts, versionColumns, versionJson);
}

export async function getTransformVersion(
  ctx: Ctx,
  transformId: string,
  version: number,
): Promise<TransformVersionJson> {
  await findTransformOr404(ctx.db, ctx.orgId, transformId);
  const row = await versionOr404(ctx.db, transformId, version);
  return versionJson(row, row.author);
}

/** Unified diff between two versions, on the steps' stable YAML rendering (either order; from → to). */
export async function diffTransformVersions(ctx: Ctx, transformId: string, from: number, to: number) {
  const transform = await findTransformOr404(ctx.db, ctx.orgId, transformId);
  const [a, b] = await Promise.all([versionOr404(ctx.db, transformId, from), versionOr404(ctx.db, transformId, to)]);
  const d = unifiedDiff(renderSteps(a.steps), renderSteps(b.steps), {
    from: `${transform.name}@v${from}`,
    to: `${transform.name}@v${to}`,
  });
  return { transform_id: transformId, from, to, diff: d.diff, added: d.added, removed: d.removed };
}

/** A version compiled to collector processors, with FlowGate's validation of them against the org's allow-list. */
export async function compileTransformVersion(ctx: Ctx, transformId: string, version: number) {
  const transform = await findTransformOr404(ctx.db, ctx.orgId, transformId);
  const row = await versionOr404(ctx.db, transformId, version);
  const compiled = compileVersion(transform, version, row.steps);
  const validation = validateCompiled(compiled, await readAllowList(ctx.db, ctx.orgId));
  return {
    transform_id: transformId,
    name: transform.name,
    signal: transform.signal,
    version,
    yaml: compiled.yaml,
    processors: compiled.processors,
    validation,
  };
}

/**
 * Validates compiled processors the way a template would use them: in a minimal pipeline of their signal,
 * written after the compiled YAML so issue lines are those of `yaml`. Only issues about the processors count.
 */
export function validateCompiled(compiled: CompiledTransform, allowList: AllowList): ValidationResult {
  const harness = stringify({
    receivers: { otlp: { protocols: { grpc: null } } },
    exporters: { debug: null },
    service: {
      pipelines: {
        [compiled.signal]: {
          receivers: ["otlp"],
          processors: compiled.processors.map((p) => p.id),
          exporters: ["debug"],
        },
      },
    },
  });
  const yaml = compiled.yaml.trim() === "" ? harness : `${compiled.yaml.replace(/\n*$/, "\n")}${harness}`;
  const r = validateCollectorConfig(yaml, { allowList });
  const ours = (i: { path?: string }) =>
    i.path === undefined ||
    i.path.startsWith("processors") ||
    i.path.startsWith(`service.pipelines.${compiled.signal}.processors`);
  const errors = r.errors.filter(ours);
  return { valid: errors.length === 0, errors, warnings: r.warnings.filter(ours) };
}

function versionRow(db: Queryable, transformId: string, version: number) {
  return findVersion(db, transformKind, transformId, version, { ...versionColumns, steps: transformVersions.steps });
}

export async function versionOr404(db: Queryable, transformId: string, version: number) {
  const row = await versionRow(db, transformId, version);
  if (!row) throw new NotFoundError(`Transform version ${version} not found`);
  return row;
}
