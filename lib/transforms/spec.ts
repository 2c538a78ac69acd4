import { createHash } from "node:crypto";
import { stringify } from "yaml";
import { InvalidInputError } from "../errors";
import { compileTransform } from "./compile";
import { transformSpec, type Step } from "./steps";
import type { CompiledTransform, Signal } from "./types";

/**
 * Steps for one signal, checked with the compiler's schemas. A refusal is a 400 whose message names the step
 * ("Step 2 (redact): pattern: invalid regex: …"), with every problem listed in `errors`.
 */
export function parseSteps(signal: Signal, steps: unknown[]): Step[] {
  const parsed = transformSpec.safeParse({ signal, steps });
  if (parsed.success) return parsed.data.steps;
  const errors = parsed.error.issues.map((issue) => {
    const [head, index, ...rest] = issue.path;
    if (head !== "steps" || typeof index !== "number")
      return issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message;
    const kind = (steps[index] as { kind?: unknown } | null)?.kind;
    const label = `Step ${index + 1}${typeof kind === "string" ? ` (${kind})` : ""}`;
    return `${label}: ${rest.length ? `${rest.join(".")}: ` : ""}${issue.message}`;
  });
  throw new InvalidInputError(errors.join("; "), { errors });
}

/**
 * Compiles a stored version. Component ids carry the version (`…_v3`), so two versions of one transform can sit
 * in the same rendered config without clashing.
 */
export function compileVersion(
  t: { name: string; signal: Signal },
  version: number,
  steps: unknown[],
): CompiledTransform {
  return compileTransform({ signal: t.signal, steps: parseSteps(t.signal, steps) }, { name: `${t.name}_v${version}` });
}

/** Keys sorted, `kind` first: the same steps always render (and hash) the same, whatever order a client sent. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== "object") return value;
  const keys = Object.keys(value).sort((a, b) => (a === "kind" ? -1 : b === "kind" ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
}

/** The stable YAML rendering versions are diffed on. */
export function renderSteps(steps: unknown[]): string {
  return steps.length === 0 ? "" : stringify(canonical(steps), { lineWidth: 0 });
}

export function stepsHash(steps: unknown[]): string {
  return createHash("sha256")
    .update(JSON.stringify(canonical(steps)), "utf8")
    .digest("hex");
}
