import { z } from "zod";
import { id, page, timestamp, timestamps, validationResult, versionFields } from "./common";

/** lib/transforms/shared.ts transformJson: open for the fields the list adds (where used). */
export const transform = z.looseObject({
  id,
  name: z.string(),
  signal: z.enum(["logs", "metrics", "traces"]),
  description: z.string().nullable(),
  latest_version: z.int(),
  ...timestamps,
});
export const transformList = page(transform);

/** A saved version: its steps as stored (JSON data, validated by lib/transforms/steps.ts). */
export const transformVersion = z.looseObject({
  ...versionFields("transform_id"),
  created_at: timestamp,
});
export const transformVersionList = page(transformVersion);

export const transformDiff = z.looseObject({ from: z.int(), to: z.int(), diff: z.string() });

/** The compiled `processors:` YAML of a version and FlowGate's validation of it. */
export const compiledTransform = z.looseObject({ yaml: z.string(), validation: validationResult });

/** lib/transforms/preview.ts: records before/after, totals, per-step figures, and the compiled YAML. */
export const preview = z.looseObject({
  compiled_yaml: z.string(),
  records: z.array(z.unknown()),
  totals: z.looseObject({ recordsIn: z.int(), recordsOut: z.int() }),
});

/** What "save and roll out" created: template versions and deployments, each with its own status. */
export const rollout = z.looseObject({});
