import { z } from "zod";
import { STEP_LABELS } from "@/lib/transforms/step-labels";
import { step, stepKindsFor, type Step } from "@/lib/transforms/steps";
import type { Signal } from "@/lib/transforms/types";
import { humanize, type FieldErrors, type JsonSchema } from "./schema-form";

/** A step as the studio edits it: the step's data (maybe invalid while typed) and a stable key for React. */
export type DraftStep = { key: string; value: Record<string, unknown> };

export type StepKindInfo = { kind: string; label: string; description?: string; schema: JsonSchema };

const kindCache = new Map<Signal, StepKindInfo[]>();

/** The kinds a signal offers, each with the JSON Schema its form is drawn from. */
export function kindsFor(signal: Signal): StepKindInfo[] {
  let kinds = kindCache.get(signal);
  if (!kinds) {
    kinds = stepKindsFor(signal).map((kind) => {
      const option = step.options.find((o) => o.shape.kind.value === kind)!;
      const schema = z.toJSONSchema(option, { io: "input", unrepresentable: "any" }) as JsonSchema;
      return {
        kind,
        label: STEP_LABELS[kind]?.label ?? humanize(kind),
        description: STEP_LABELS[kind]?.description,
        schema,
      };
    });
    kindCache.set(signal, kinds);
  }
  return kinds;
}

export type CheckedSteps = {
  /** The steps that parse, in order, with the defaults filled in: what the preview compiles. */
  valid: Step[];
  /** Draft index of each valid step, to map per-step preview figures back. */
  validIndexes: number[];
  /** Zod messages per step key, by dotted field path ("" for the step as a whole). */
  errors: Map<string, FieldErrors>;
};

/** Checks each step on its own, so one half-typed step does not stop the preview of the others. */
export function checkSteps(signal: Signal, steps: DraftStep[]): CheckedSteps {
  const allowed = new Set<string>(stepKindsFor(signal));
  const out: CheckedSteps = { valid: [], validIndexes: [], errors: new Map() };
  steps.forEach((s, i) => {
    if (!allowed.has(String(s.value.kind))) {
      out.errors.set(s.key, { "": [`step kind "${String(s.value.kind)}" is not available for ${signal}`] });
      return;
    }
    const parsed = step.safeParse(s.value);
    if (parsed.success) {
      out.valid.push(parsed.data);
      out.validIndexes.push(i);
      return;
    }
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) (errors[issue.path.map(String).join(".")] ??= []).push(issue.message);
    out.errors.set(s.key, errors);
  });
  return out;
}

let counter = 0;
/** A client-side key so React keeps each step's form state across reorders. */
export function stepKey() {
  counter += 1;
  return `s${Date.now().toString(36)}${counter}`;
}

export function toDraft(steps: unknown[]): DraftStep[] {
  return steps.map((value) => ({ key: stepKey(), value: value as Record<string, unknown> }));
}
