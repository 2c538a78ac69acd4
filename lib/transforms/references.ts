import { and, eq, inArray } from "drizzle-orm";
import { isMap, isScalar, isSeq, parse, parseDocument, visit, type Document, type Node, type YAMLSeq } from "yaml";
import { transforms, transformVersions } from "../db/schema";
import type { Queryable } from "../db/client";
import { isObject } from "../validation/checks";
import { TRANSFORM_REF_PREFIX } from "../validation/types";
import { compileVersion } from "./spec";
import type { CompiledTransform, Signal } from "./types";

/**
 * Templates reference transforms as a `processors:` entry of a pipeline: `flowgate_transform/<name>@<version>`
 * (pinned) or `flowgate_transform/<name>` (the latest version when the template version is saved). Saving a
 * template version expands every reference into the compiled processors and stores the result, so rendering for
 * a gateway never reads transforms.
 */
const REF_RE = /^flowgate_transform\/([a-z0-9][a-z0-9-_]{0,62})(?:@([1-9][0-9]{0,8}))?$/;

export type TransformRef = {
  text: string;
  pipeline: string;
  /** Position in the pipeline's processors list. */
  index: number;
  /** Source offsets of the scalar (quotes included). */
  range: [number, number];
  name: string | null;
  version: number | null;
};

/** The transform references of every pipeline, in document order; unparseable YAML has none (the validator reports it). */
export function findTransformRefs(content: string): TransformRef[] {
  const doc = parseDocument(content, { merge: true, uniqueKeys: false });
  if (doc.errors.length > 0) return [];
  const pipelines = doc.getIn(["service", "pipelines"], true);
  if (!isMap(pipelines)) return [];
  const refs: TransformRef[] = [];
  for (const pair of pipelines.items) {
    if (!isScalar(pair.key)) continue;
    const pipeline = String(pair.key.value);
    const list = doc.getIn(["service", "pipelines", pipeline, "processors"], true);
    if (!isSeq(list)) continue;
    list.items.forEach((item, index) => {
      if (!isScalar(item) || typeof item.value !== "string" || !item.value.startsWith(TRANSFORM_REF_PREFIX)) return;
      const m = REF_RE.exec(item.value);
      const range = item.range ? ([item.range[0], item.range[1]] as [number, number]) : ([0, 0] as [number, number]);
      refs.push({
        text: item.value,
        pipeline,
        index,
        range,
        name: m?.[1] ?? null,
        version: m?.[2] ? Number(m[2]) : null,
      });
    });
  }
  return refs;
}

/** What a reference resolved to, or why it did not. */
export type Resolution =
  | {
      ok: true;
      transformId: string;
      transformVersionId: string;
      name: string;
      signal: Signal;
      version: number;
      pinned: boolean;
      compiled: CompiledTransform;
    }
  | { ok: false; message: string };

/** Resolves each distinct reference against the org's transforms (unpinned → latest version) and compiles it. */
export async function resolveTransformRefs(
  db: Queryable,
  orgId: string,
  refs: TransformRef[],
): Promise<Map<string, Resolution>> {
  const names = [...new Set(refs.map((r) => r.name).filter((n): n is string => n !== null))];
  const rows = names.length
    ? await db
        .select()
        .from(transforms)
        .where(and(eq(transforms.orgId, orgId), inArray(transforms.name, names)))
    : [];
  const byName = new Map(rows.map((t) => [t.name, t]));
  const wanted = new Map<string, { transformId: string; version: number }>();
  for (const ref of refs) {
    const t = ref.name ? byName.get(ref.name) : undefined;
    if (t) wanted.set(ref.text, { transformId: t.id, version: ref.version ?? t.latestVersion });
  }
  const versions = wanted.size
    ? await db
        .select()
        .from(transformVersions)
        .where(
          and(
            eq(transformVersions.orgId, orgId),
            inArray(transformVersions.transformId, [...new Set([...wanted.values()].map((w) => w.transformId))]),
            inArray(transformVersions.version, [...new Set([...wanted.values()].map((w) => w.version))]),
          ),
        )
    : [];
  // One resolution per distinct text: the text alone decides the transform and version.
  const distinct = new Map(refs.map((ref) => [ref.text, ref]));
  return new Map(
    [...distinct].map(([text, ref]) => [text, resolveOne(ref, ref.name ? byName.get(ref.name) : undefined, versions)]),
  );
}

function resolveOne(
  ref: TransformRef,
  t: typeof transforms.$inferSelect | undefined,
  versions: (typeof transformVersions.$inferSelect)[],
): Resolution {
  if (ref.name === null) {
    return {
      ok: false,
      message: `Invalid transform reference "${ref.text}": write flowgate_transform/<name> or flowgate_transform/<name>@<version>`,
    };
  }
  if (!t)
    return {
      ok: false,
      message: `Unknown transform "${ref.name}" (in "${ref.text}"): no transform of this organization has that name`,
    };
  const version = ref.version ?? t.latestVersion;
  const row = versions.find((v) => v.transformId === t.id && v.version === version);
  if (!row)
    return { ok: false, message: `Transform "${t.name}" has no version ${version} (latest is ${t.latestVersion})` };
  try {
    const compiled = compileVersion(t, version, row.steps);
    return {
      ok: true,
      transformId: t.id,
      transformVersionId: row.id,
      name: t.name,
      signal: t.signal,
      version,
      pinned: ref.version !== null,
      compiled,
    };
  } catch (err) {
    return { ok: false, message: `Transform "${t.name}" v${version} does not compile: ${(err as Error).message}` };
  }
}

/** The message for a reference in a pipeline, or null when it resolved to a transform of the pipeline's signal. */
export function checkResolvedRef(resolutions: Map<string, Resolution>, ref: string, pipeline: string): string | null {
  const r = resolutions.get(ref);
  if (!r) return `Transform reference "${ref}" was not resolved`;
  if (!r.ok) return r.message;
  const signal = pipeline.split("/")[0];
  if (r.signal !== signal)
    return `Transform "${r.name}" is for ${r.signal}, but pipeline "${pipeline}" carries ${signal}`;
  return null;
}

/**
 * The content with every reference replaced by its compiled processor ids (in order) and their definitions added
 * under top-level `processors:`. Every reference must have resolved. Comments and the rest of the document stay.
 */
export function expandTransformRefs(
  content: string,
  refs: TransformRef[],
  resolutions: Map<string, Resolution>,
): string {
  const doc = parseDocument(content, { merge: true, uniqueKeys: false });
  const byPipeline = new Map<string, TransformRef[]>();
  for (const ref of refs) byPipeline.set(ref.pipeline, [...(byPipeline.get(ref.pipeline) ?? []), ref]);
  for (const [pipeline, list] of byPipeline) {
    const seq = doc.getIn(["service", "pipelines", pipeline, "processors"], true) as YAMLSeq;
    // Back to front, so the earlier indexes stay valid while items are replaced.
    for (const ref of [...list].sort((a, b) => b.index - a.index)) {
      const ids = compiledOf(resolutions, ref).processors.map((p) => doc.createNode(p.id));
      seq.items.splice(ref.index, 1, ...ids);
    }
  }
  if (!isObject(doc.get("processors")) && refs.length > 0) doc.set("processors", doc.createNode({}));
  for (const ref of refs) {
    const definitions = compiledDefinitions(compiledOf(resolutions, ref));
    for (const [id, config] of Object.entries(definitions)) {
      if (!doc.hasIn(["processors", id])) doc.setIn(["processors", id], singleQuoted(doc.createNode(config)));
    }
  }
  return stringifyDoc(doc);
}

/**
 * Component ids two different references would both define (the compiler's slug folds `-` into `_`), or that the
 * template defines itself: expanding them would silently keep one definition, so they are refused.
 */
export function clashingIds(
  content: string,
  refs: TransformRef[],
  resolutions: Map<string, Resolution>,
): { ref: TransformRef; id: string }[] {
  const parsed = parse(content) as unknown;
  const own =
    isObject(parsed) && isObject(parsed.processors) ? new Set(Object.keys(parsed.processors)) : new Set<string>();
  const owner = new Map<string, string>();
  const clashes: { ref: TransformRef; id: string }[] = [];
  for (const ref of refs) {
    const r = resolutions.get(ref.text);
    if (!r?.ok) continue;
    for (const p of r.compiled.processors) {
      const by = owner.get(p.id);
      if (own.has(p.id) || (by !== undefined && by !== r.transformVersionId)) clashes.push({ ref, id: p.id });
      owner.set(p.id, r.transformVersionId);
    }
  }
  return clashes;
}

/** Statements and patterns as single-quoted scalars, as the compiler writes them: no backslash processing. */
function singleQuoted(node: Node): Node {
  visit(node, {
    Scalar(key, n) {
      if (key !== "key" && typeof n.value === "string" && !/^[A-Za-z][A-Za-z0-9_.\-/]*$/.test(n.value))
        n.type = "QUOTE_SINGLE";
    },
  });
  return node;
}

function compiledOf(resolutions: Map<string, Resolution>, ref: TransformRef): CompiledTransform {
  const r = resolutions.get(ref.text);
  if (!r?.ok) throw new Error(`Transform reference "${ref.text}" did not resolve`);
  return r.compiled;
}

/** The compiled `processors:` section as the collector must read it (the compiler's YAML carries the `$$` escaping). */
function compiledDefinitions(compiled: CompiledTransform): Record<string, unknown> {
  const parsed = parse(compiled.yaml) as unknown;
  if (isObject(parsed) && isObject(parsed.processors)) return parsed.processors;
  return isObject(parsed) ? parsed : {};
}

function stringifyDoc(doc: Document): string {
  return doc.toString({ lineWidth: 0 });
}

/** The content with pinned references to `name` moved to `version` (unpinned ones follow the latest on save anyway). */
export function repinTransformRefs(content: string, name: string, version: number): string {
  const refs = findTransformRefs(content).filter((r) => r.name === name && r.version !== null && r.version !== version);
  let out = content;
  for (const ref of [...refs].sort((a, b) => b.range[0] - a.range[0])) {
    out = out.slice(0, ref.range[0]) + `${TRANSFORM_REF_PREFIX}${name}@${version}` + out.slice(ref.range[1]);
  }
  return out;
}
