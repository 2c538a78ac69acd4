import { z } from "zod";
import { DEPLOYMENT_STATUSES, gatesInput, ROLLOUT_STATUSES } from "../../deployments/schemas";
import { GATE_NAMES } from "../../deployments/gates";
import { connectionState, gatewayStatus } from "./gateways";
import { createdByAt, id, nullableTimestamp, page, timestamp, validationResult, versionFields } from "./common";

/** lib/templates/shared.ts templateJson. */
export const template = z.object({
  id,
  name: z.string(),
  description: z.string().nullable(),
  is_base: z.boolean(),
  latest_version: z.int(),
  ...createdByAt,
  updated_at: timestamp,
});
export const templateList = page(template);

/** lib/templates/shared.ts versionJson, without the content (lists). */
export const templateVersion = z.object({
  ...versionFields("template_id"),
  content_hash: z.string(),
  author_id: id.nullable(),
  /** The author's email, when the user still exists. */
  author: z.string().nullable(),
  created_at: timestamp,
});
export const templateVersionWithContent = templateVersion.extend({
  content: z.string(),
  /** The content with transform references expanded (what gateways receive); null when it has none. */
  rendered_content: z.string().nullable().optional(),
});
export const templateVersionList = page(templateVersion);

export const templateDetail = template.extend({ content: z.string(), latest: templateVersionWithContent.nullable() });
/** lib/templates/shared.ts transformPins: the transforms this version references, resolved at save time. */
const transformPins = z.array(z.object({ transform_id: id, name: z.string(), version: z.int(), pinned: z.boolean() }));
export const createdTemplate = template.extend({
  version: templateVersionWithContent,
  validation: validationResult,
  transforms: transformPins,
});
export const savedVersion = templateVersionWithContent.extend({
  validation: validationResult,
  transforms: transformPins,
});
export const templateDiff = z.object({
  template_id: id,
  from: z.int(),
  to: z.int(),
  diff: z.string(),
  added: z.int(),
  removed: z.int(),
});

const target = z.object({
  gateway_ids: z.array(id).optional(),
  selector: z.record(z.string(), z.string().nullable()).optional(),
});
const strategy = z.object({
  type: z.enum(["all_at_once", "progressive"]),
  batch_size: z.int().optional(),
  batch_percent: z.number().optional(),
  pause_seconds: z.int().optional(),
  failure_threshold: z.int().optional(),
  failure_threshold_percent: z.number().optional(),
  gates: gatesInput.optional(),
});
/** lib/deployments/gates.ts GatesView: the current batch's gates as measured now. */
const gatesView = z.object({
  batch: z.int(),
  state: z.enum(["waiting", "watching", "passed", "failed"]),
  watch_seconds: z.int(),
  watch_started_at: nullableTimestamp,
  watch_ends_at: nullableTimestamp,
  gateways: z.int().describe("Gateways of the batch that applied the config (the ones watched)"),
  results: z.array(
    z.object({
      gate: z.enum(GATE_NAMES),
      measured: z.number().nullable().describe("The figure compared with the threshold"),
      threshold: z.number(),
      before: z.number().nullable(),
      after: z.number().nullable(),
      unit: z.string(),
      state: z.enum(["pass", "fail", "watching", "no_data"]),
    }),
  ),
});
const deploymentStatus = z.enum(DEPLOYMENT_STATUSES);
const rolloutStatus = z.enum(ROLLOUT_STATUSES);

/** Per-gateway counts: rows a newer deployment took over count only as `superseded`. */
const progress = z.object({
  total: z.int(),
  pending: z.int(),
  sent: z.int(),
  applying: z.int(),
  applied: z.int(),
  failed: z.int(),
  timeout: z.int(),
  superseded: z.int(),
  batches: z.int(),
});

/** lib/deployments/queries.ts view. */
export const deployment = z.object({
  id,
  name: z.string(),
  status: deploymentStatus,
  target,
  strategy,
  template: z.object({ id, name: z.string(), version: z.int() }),
  current_batch: z.int(),
  rollback_of: id.nullable(),
  created_by: id.nullable(),
  created_at: timestamp,
  started_at: nullableTimestamp,
  finished_at: nullableTimestamp,
  progress,
  gates: gatesView
    .nullable()
    .optional()
    .describe("With gates in the strategy (single deployment only): the current batch's gates, measured now"),
});
export const deploymentList = page(deployment);

const deploymentGateway = z.object({
  gateway_id: id,
  name: z.string(),
  instance_id: z.string(),
  connection_state: connectionState,
  batch: z.int(),
  status: rolloutStatus,
  error_message: z.string().nullable(),
  config_hash: z.string().nullable(),
  released_at: nullableTimestamp,
  sent_at: nullableTimestamp,
  finished_at: nullableTimestamp,
  superseded_by: id.nullable(),
});
export const deploymentDetail = deployment.extend({
  /** A running progressive deployment's next batch (1-based); `at` is null while the current batch still applies. */
  next_batch: z.object({ batch: z.int(), at: nullableTimestamp }).nullable(),
  gateways: page(deploymentGateway),
});
export const deploymentTransition = z.object({ id, status: deploymentStatus });
export const deploymentPreview = z.object({
  count: z.int(),
  gateways: z.array(
    z.object({
      id,
      name: z.string(),
      instance_id: z.string(),
      status: gatewayStatus,
      connection_state: connectionState,
    }),
  ),
});
