import { z } from "zod";
import { strategyInput } from "../deployments/schemas";
import { baseVersion, createDocumentInput, message, renameInput, saveVersionBody } from "../templates/document-schemas";

export { diffQuery, versionParam } from "../templates/document-schemas";

/** Slug-safe, so `flowgate_transform/<name>` is a valid collector component name with no quoting. */
export const TRANSFORM_NAME_RE = /^[a-z0-9][a-z0-9-_]{0,62}$/;
export const SIGNALS = ["logs", "metrics", "traces"] as const;
export const MAX_STEPS = 100;
/** Preview requests (steps + inline samples) larger than this are refused with 413. */
export const MAX_PREVIEW_BODY_BYTES = 2 * 1024 * 1024;
/** At most this many inline sample records per preview (413 beyond). */
export const MAX_PREVIEW_SAMPLES = 1000;

const name = z
  .string({ error: "name is required" })
  .trim()
  .regex(TRANSFORM_NAME_RE, "name must be 1-63 lowercase letters, digits, '-' or '_', starting with a letter or digit");
const signal = z.enum(SIGNALS, { error: "signal must be logs, metrics or traces" });
/** Checked against the compiler's step schemas for the transform's signal once the signal is known. */
const steps = z
  .array(z.unknown(), { error: "steps must be a list of steps" })
  .max(MAX_STEPS, `At most ${MAX_STEPS} steps`);

export const createTransformInput = createDocumentInput({ name, signal }, { steps: steps.default([]) });
export type CreateTransformInput = z.input<typeof createTransformInput>;

export const saveTransformVersionInput = saveVersionBody({ steps });
export type SaveTransformVersionInput = z.input<typeof saveTransformVersionInput>;

export const updateTransformInput = renameInput(name);
export type UpdateTransformInput = z.input<typeof updateTransformInput>;

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const listTransformsQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  signal: signal.optional(),
});
export type ListTransformsQuery = z.input<typeof listTransformsQuery>;

/**
 * Inline samples as text, read by the preview's sample parser: pasted lines (log bodies), JSON objects (one per
 * line or an array) or an OTLP/JSON export request. The request body is capped at MAX_PREVIEW_BODY_BYTES (413).
 */
const sampleInput = {
  samples: z.string({ error: "samples must be the sample text (lines, JSON or OTLP/JSON)" }).optional(),
  /** A stored sample (POST /api/v1/samples or a live capture) instead of inline text. */
  sample_id: z.uuid("sample_id must be a UUID").optional(),
  format: z.enum(["auto", "lines", "json", "otlp"]).default("auto"),
  json_into: z.enum(["body", "attributes"]).optional(),
};

const SAMPLE_SOURCE_MESSAGE = "Send samples (text) or sample_id (a stored sample), exactly one";
function oneSampleSource(v: { samples?: string; sample_id?: string }) {
  return (v.samples === undefined) !== (v.sample_id === undefined);
}

/** Preview of a saved version (latest when both are omitted) or of unsaved steps for this transform's signal. */
export const previewTransformInput = z
  .object({ version: z.number().int().min(1).optional(), steps: steps.optional(), ...sampleInput })
  .strict()
  .refine((v) => v.version === undefined || v.steps === undefined, "Send version or steps, not both")
  .refine(oneSampleSource, SAMPLE_SOURCE_MESSAGE);
export type PreviewTransformInput = z.input<typeof previewTransformInput>;

/** Preview of steps that belong to no saved transform yet (the studio's "new transform"). */
export const previewStepsInput = z
  .object({ signal, steps, ...sampleInput })
  .strict()
  .refine(oneSampleSource, SAMPLE_SOURCE_MESSAGE);
export type PreviewStepsInput = z.input<typeof previewStepsInput>;

/**
 * Save and roll out: `steps` saves a new version first (then `base_version` is required); without them the
 * latest version is rolled out. `deploy` also starts a deployment per template to the gateways running it.
 */
export const rolloutTransformInput = z
  .object({
    steps: steps.optional(),
    base_version: baseVersion.optional(),
    message: message.nullish(),
    deploy: z
      .object({ strategy: strategyInput.default({ type: "all_at_once" }) })
      .strict()
      .optional(),
  })
  .strict()
  .refine((v) => v.steps === undefined || v.base_version !== undefined, "base_version is required with steps");
export type RolloutTransformInput = z.input<typeof rolloutTransformInput>;
