import type { Queryable } from "../db/client";
import { readAllowList } from "../settings/queries";
import {
  checkResolvedRef,
  clashingIds,
  expandTransformRefs,
  findTransformRefs,
  resolveTransformRefs,
  type TransformRef,
} from "../transforms/references";
import { validateCollectorConfig, type ValidationIssue, type ValidationResult } from "../validation/validate";

/** A transform version a template version was rendered with. */
export type TransformLink = {
  transformId: string;
  transformVersionId: string;
  name: string;
  version: number;
  pinned: boolean;
};

export type CheckedContent = {
  validation: ValidationResult;
  /** The content with its transform references expanded; null when it has none (gateways get the content as is). */
  rendered: string | null;
  links: TransformLink[];
};

/**
 * Validates a template's content with its transform references resolved against the org's transforms, and
 * expands them. Issues point at the lines the author wrote: a problem of the expanded config (which only the
 * compiled processors can bring) is reported at the reference that brought it.
 */
export async function checkTemplateContent(db: Queryable, orgId: string, content: string): Promise<CheckedContent> {
  const allowList = await readAllowList(db, orgId);
  const refs = findTransformRefs(content);
  const resolutions = await resolveTransformRefs(db, orgId, refs);
  const validation = validateCollectorConfig(content, {
    allowList,
    transformRef: (ref, pipeline) => checkResolvedRef(resolutions, ref, pipeline),
  });
  if (!validation.valid || refs.length === 0) return { validation, rendered: null, links: [] };
  const clashes = clashingIds(content, refs, resolutions).map(({ ref, id }) => ({
    ...at(content, ref),
    message: `Transform reference "${ref.text}" compiles to processor "${id}", which another reference or this config already defines`,
  }));
  if (clashes.length > 0)
    return { validation: { valid: false, errors: clashes, warnings: validation.warnings }, rendered: null, links: [] };
  const rendered = expandTransformRefs(content, refs, resolutions);
  const expanded = validateCollectorConfig(rendered, { allowList });
  const errors = expanded.errors.map((e) => attribute(e, content, refs, resolutions));
  const links = new Map<string, TransformLink>();
  for (const r of resolutions.values()) {
    if (!r.ok) continue;
    const pinned = (links.get(r.transformVersionId)?.pinned ?? false) || r.pinned;
    links.set(r.transformVersionId, {
      transformId: r.transformId,
      transformVersionId: r.transformVersionId,
      name: r.name,
      version: r.version,
      pinned,
    });
  }
  return {
    validation: { valid: errors.length === 0, errors, warnings: validation.warnings },
    rendered,
    links: [...links.values()],
  };
}

/** Moves an issue of the expanded config to the reference whose compiled processor it names. */
function attribute(
  issue: ValidationIssue,
  content: string,
  refs: TransformRef[],
  resolutions: Awaited<ReturnType<typeof resolveTransformRefs>>,
): ValidationIssue {
  const text = `${issue.path ?? ""} ${issue.message}`;
  for (const ref of refs) {
    const r = resolutions.get(ref.text);
    if (!r?.ok || !r.compiled.processors.some((p) => text.includes(p.id))) continue;
    return {
      ...at(content, ref),
      message: `Transform "${r.name}" v${r.version} compiles to processors this organization cannot run: ${issue.message}`,
    };
  }
  return { message: `In the config with transforms expanded: ${issue.message}` };
}

/** Where a reference sits in the content as written. */
function at(content: string, ref: TransformRef) {
  const before = content.slice(0, ref.range[0]);
  return {
    line: before.split("\n").length,
    column: ref.range[0] - before.lastIndexOf("\n"),
    path: ["service", "pipelines", ref.pipeline, "processors", ref.index].join("."),
  };
}
