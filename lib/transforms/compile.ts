import { Document, isScalar, visit } from "yaml";
import { InvalidInputError } from "../errors";
import { compileLogStep } from "./compile-logs";
import { compileMetricStep } from "./compile-metrics";
import type { FilterSection, Piece, TransformContext } from "./compile-shared";
import { compileTraceStep } from "./compile-traces";
import { formatSpecIssues, transformSpec, type Step, type TransformSpecInput } from "./steps";
import type { CompiledProcessor, CompiledTransform, Signal } from "./types";

/**
 * Compiles a transform's steps to stock collector-contrib v0.136.0 processors (docs/transforms.md, "What each
 * step compiles to"). Steps keep the order the author gave them; consecutive transform steps share one transform
 * processor (one statement group per step) and consecutive drop steps one filter processor. Disabled steps are
 * left out. `stepIndexes` holds, per transform group or filter condition (in YAML order), the index of the step
 * in `spec.steps` it came from; a sampler or redaction processor has its single step's index.
 */
export function compileTransform(input: TransformSpecInput, opts: { name: string }): CompiledTransform {
  const parsed = transformSpec.safeParse(input);
  if (!parsed.success) {
    const issues = formatSpecIssues(parsed.error);
    throw new InvalidInputError(`The transform is invalid: ${issues.join("; ")}`, { issues });
  }
  const { signal, steps } = parsed.data;
  const built = mergePieces(
    steps.flatMap((s, step) => (s.enabled ? compileStep(signal, s).map((piece) => ({ piece, step })) : [])),
  );
  const ids = componentIds(opts.name);
  const processors: CompiledProcessor[] = built.map((b) => {
    const { config, stepIndexes } = processorConfig(signal, b);
    return { id: ids(b.type), type: b.type, config: escapeDollars(config) as Record<string, unknown>, stepIndexes };
  });
  return { signal, processors, yaml: processorsYaml(processors) };
}

function compileStep(signal: Signal, s: Step): Piece[] {
  if (signal === "logs") return compileLogStep(s);
  if (signal === "metrics") return compileMetricStep(s);
  return compileTraceStep(s);
}

type Tagged<T> = T & { step: number };
type Built =
  | { type: "transform"; groups: Tagged<{ context: TransformContext; statements: string[] }>[] }
  | { type: "filter"; conditions: Tagged<{ section: FilterSection; condition: string }>[] }
  | { type: "probabilistic_sampler" | "redaction"; config: Record<string, unknown>; step: number };

/** Consecutive transform pieces become one processor's groups, consecutive filter pieces one filter's conditions. */
function mergePieces(pieces: { piece: Piece; step: number }[]): Built[] {
  const out: Built[] = [];
  for (const { piece, step } of pieces) {
    const last = out.at(-1);
    if (piece.type === "transform") {
      const group = { context: piece.context, statements: piece.statements, step };
      if (last?.type === "transform") last.groups.push(group);
      else out.push({ type: "transform", groups: [group] });
    } else if (piece.type === "filter") {
      const condition = { section: piece.section, condition: piece.condition, step };
      if (last?.type === "filter") last.conditions.push(condition);
      else out.push({ type: "filter", conditions: [condition] });
    } else {
      out.push({ type: piece.type, config: piece.config, step });
    }
  }
  return out;
}

const STATEMENTS_KEY: Record<Signal, string> = {
  logs: "log_statements",
  metrics: "metric_statements",
  traces: "trace_statements",
};
const SECTION_ORDER: FilterSection[] = ["log_record", "metric", "datapoint", "span"];

/** error_mode: ignore everywhere: at 0.136 the default is propagate, where one failing statement drops the batch. */
function processorConfig(signal: Signal, b: Built): { config: Record<string, unknown>; stepIndexes: number[] } {
  if (b.type === "transform") {
    const groups = b.groups.map((g) => ({ context: g.context, statements: g.statements }));
    return {
      config: { error_mode: "ignore", [STATEMENTS_KEY[signal]]: groups },
      stepIndexes: b.groups.map((g) => g.step),
    };
  }
  if (b.type === "filter") {
    const sections: Record<string, string[]> = {};
    const stepIndexes: number[] = [];
    for (const section of SECTION_ORDER) {
      for (const c of b.conditions.filter((x) => x.section === section)) {
        (sections[section] ??= []).push(c.condition);
        stepIndexes.push(c.step);
      }
    }
    return { config: { error_mode: "ignore", [signal]: sections }, stepIndexes };
  }
  return { config: b.config, stepIndexes: [b.step] };
}

/** `filter/fg_<slug>`, then `filter/fg_<slug>_2`, …: stable for a given name and step list. */
function componentIds(name: string): (type: string) => string {
  const slug = transformSlug(name);
  const seen = new Map<string, number>();
  return (type) => {
    const n = (seen.get(type) ?? 0) + 1;
    seen.set(type, n);
    return `${type}/fg_${slug}${n === 1 ? "" : `_${n}`}`;
  };
}

export function transformSlug(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 48)
    .replace(/_+$/, "");
  return slug || "transform";
}

/** The config resolver expands `$` and `${…}` in every string value; `$$` is its literal dollar. */
function escapeDollars(v: unknown): unknown {
  if (typeof v === "string") return v.replace(/\$/g, "$$$$");
  if (Array.isArray(v)) return v.map(escapeDollars);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, escapeDollars(x)]));
  return v;
}

const PLAIN_SAFE = /^[A-Za-z][A-Za-z0-9_.\-/]*$/;

/**
 * The `processors:` section. Statements, conditions and patterns are single-quoted scalars: YAML does no
 * backslash processing there, only `'` is doubled, so the OTTL text reaches the collector byte for byte.
 */
export function processorsYaml(processors: CompiledProcessor[]): string {
  const doc = new Document({ processors: Object.fromEntries(processors.map((p) => [p.id, p.config])) });
  visit(doc, {
    Scalar(key, node) {
      if (key !== "key" && isScalar(node) && typeof node.value === "string" && !PLAIN_SAFE.test(node.value))
        node.type = "QUOTE_SINGLE";
    },
  });
  return doc.toString({ lineWidth: 0, minContentWidth: 0 });
}
