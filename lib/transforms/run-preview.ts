import type { Ctx } from "../auth/context";
import { InvalidInputError, PayloadTooLargeError } from "../errors";
import { findSampleOr404 } from "../samples/queries";
import { parseWith } from "../http/parse";
import { compileTransform } from "./compile";
import { figures, previewTransform } from "./preview";
import { parseSamples } from "./samples";
import {
  MAX_PREVIEW_BODY_BYTES,
  MAX_PREVIEW_SAMPLES,
  previewStepsInput,
  previewTransformInput,
  type PreviewStepsInput,
  type PreviewTransformInput,
} from "./schemas";
import { findTransformOr404 } from "./shared";
import { versionOr404 } from "./queries";
import { compileVersion, parseSteps } from "./spec";
import type { CompiledTransform, Signal } from "./types";

/** Previews a saved version (latest by default) or unsaved steps of this transform on inline samples. Read-only: any member. */
export async function previewSavedTransform(ctx: Ctx, transformId: string, input: PreviewTransformInput) {
  const data = parseWith(previewTransformInput, input);
  const transform = await findTransformOr404(ctx.db, ctx.orgId, transformId);
  let compiled: CompiledTransform;
  let version: number | null = null;
  if (data.steps) {
    compiled = compileTransform(
      { signal: transform.signal, steps: parseSteps(transform.signal, data.steps) },
      { name: transform.name },
    );
  } else {
    version = data.version ?? transform.latestVersion;
    compiled = compileVersion(transform, version, (await versionOr404(ctx.db, transformId, version)).steps);
  }
  return { transform_id: transformId, version, ...run(compiled, await sampleText(ctx, compiled.signal, data)) };
}

/** Previews steps that belong to no saved transform (a new one in the studio). */
export async function previewSteps(ctx: Ctx, input: PreviewStepsInput) {
  const data = parseWith(previewStepsInput, input);
  const compiled = compileTransform(
    { signal: data.signal, steps: parseSteps(data.signal, data.steps) },
    { name: "preview" },
  );
  return { transform_id: null, version: null, ...run(compiled, await sampleText(ctx, compiled.signal, data)) };
}

type SampleInput = {
  samples?: string;
  sample_id?: string;
  format: "auto" | "lines" | "json" | "otlp";
  json_into?: "body" | "attributes";
};

/** Inline sample text as sent, or a stored sample's OTLP/JSON (of the transform's signal). */
async function sampleText(ctx: Ctx, signal: string, data: SampleInput) {
  if (data.sample_id === undefined) return { ...data, samples: data.samples ?? "" };
  const sample = await findSampleOr404(ctx.db, ctx.orgId, data.sample_id);
  if (sample.signal !== signal)
    throw new InvalidInputError(`Sample "${sample.name}" holds ${sample.signal}, not ${signal}`);
  return { samples: JSON.stringify(sample.payload), format: "otlp" as const };
}

function run(
  compiled: CompiledTransform,
  data: { samples: string; format: "auto" | "lines" | "json" | "otlp"; json_into?: "body" | "attributes" },
) {
  const batch = parseSamples(compiled.signal as Signal, data.samples, {
    format: data.format,
    jsonInto: data.json_into,
    maxBytes: MAX_PREVIEW_BODY_BYTES,
  });
  const n = figures(batch).records;
  if (n > MAX_PREVIEW_SAMPLES)
    throw new PayloadTooLargeError(`The samples hold ${n} records; a preview takes at most ${MAX_PREVIEW_SAMPLES}`);
  // `output` is the record model (BigInt, byte arrays): the records and totals already say what it holds.
  const { output: _output, ...result } = previewTransform(compiled, batch);
  return { compiled_yaml: compiled.yaml, ...result };
}
