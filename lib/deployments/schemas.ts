import { z } from "zod";
import { isValidTagKey, isValidTagValue } from "../gateways/schemas";
import { pageQuery } from "../http/pagination";
import { DEPLOYMENT_STATUSES, ROLLOUT_STATUSES } from "./statuses";

export { DEPLOYMENT_STATUSES, ROLLOUT_STATUSES };

function checkTerm(out: Record<string, string | null>, key: string, value: string | null) {
  if (!isValidTagKey(key))
    throw new Error(`Invalid tag key "${key}" in selector (write key=value or key, separated by commas)`);
  if (value !== null && !isValidTagValue(value)) throw new Error(`Invalid tag value "${value}" in selector`);
  if (key in out) throw new Error(`Selector names "${key}" twice`);
  out[key] = value;
}

/**
 * Parses a tag selector: `env=prod,region=eu` (every pair must match) where a bare `key` means "has the key".
 * Returns the stored form, `{ env: "prod", canary: null }`.
 */
export function parseSelector(text: string): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const raw of text.split(",")) {
    const part = raw.trim();
    if (!part) continue;
    const eq = part.indexOf("=");
    checkTerm(out, (eq < 0 ? part : part.slice(0, eq)).trim(), eq < 0 ? null : part.slice(eq + 1).trim());
  }
  if (Object.keys(out).length === 0) throw new Error("Selector is empty");
  return out;
}

/** The selector as people write it: `env=prod,canary`. */
export function formatSelector(selector: Record<string, string | null>): string {
  return Object.entries(selector)
    .map(([k, v]) => (v === null ? k : `${k}=${v}`))
    .join(",");
}

/** A selector as text (`env=prod,canary`) or as an object (`{"env": "prod", "canary": null}`). */
const selectorInput = z.union([z.string(), z.record(z.string(), z.string().nullable())]).transform((v, c) => {
  try {
    if (typeof v === "string") return parseSelector(v);
    const out: Record<string, string | null> = {};
    for (const [k, val] of Object.entries(v)) checkTerm(out, k, val);
    if (Object.keys(out).length === 0) throw new Error("Selector is empty");
    return out;
  } catch (err) {
    c.addIssue({ code: "custom", message: (err as Error).message });
    return z.NEVER;
  }
});

export const targetInput = z
  .object({
    gateway_ids: z
      .array(z.uuid("gateway_ids must be UUIDs"))
      .min(1, "gateway_ids is empty")
      .max(10_000, "At most 10,000 gateway_ids; use a tag selector for more")
      .optional(),
    selector: selectorInput.optional(),
  })
  .strict()
  .refine(
    (t) => (t.gateway_ids ? 1 : 0) + (t.selector ? 1 : 0) === 1,
    "Target needs exactly one of gateway_ids or selector",
  );
export type TargetInput = z.input<typeof targetInput>;
export type Target = z.output<typeof targetInput>;

/**
 * Telemetry gates (lib/deployments/gates.ts): watch each batch after it settles, and halt when one is breached.
 * Thresholds left out are gates not applied; `reporting` and `healthy` are on unless set to false.
 */
export const gatesInput = z
  .object({
    watch_seconds: z.int().min(1, "watch_seconds must be at least 1").max(86_400),
    export_failures_per_min: z.number().min(0).optional(),
    drop_percent: z.number().min(0).max(100).optional(),
    volume_change_percent: z.number().min(0).optional(),
    reporting: z.boolean().optional(),
    healthy: z.boolean().optional(),
    rollback: z.boolean().optional(),
  })
  .strict();

export const strategyInput = z
  .object({
    type: z.enum(["all_at_once", "progressive"]),
    batch_size: z.int().min(1, "batch_size must be at least 1").optional(),
    batch_percent: z
      .number()
      .gt(0, "batch_percent must be above 0")
      .max(100, "batch_percent must be at most 100")
      .optional(),
    pause_seconds: z.int().min(0).max(86_400).optional(),
    failure_threshold: z.int().min(1, "failure_threshold must be at least 1").optional(),
    failure_threshold_percent: z.number().gt(0).max(100).optional(),
    gates: gatesInput.optional(),
  })
  .strict()
  .refine(
    (s) => s.type !== "progressive" || (s.batch_size ? 1 : 0) + (s.batch_percent ? 1 : 0) === 1,
    "A progressive strategy needs exactly one of batch_size or batch_percent",
  )
  .refine(
    (s) => !(s.failure_threshold && s.failure_threshold_percent),
    "Give failure_threshold or failure_threshold_percent, not both",
  );
export type StrategyInput = z.input<typeof strategyInput>;

export const createDeploymentInput = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  template_id: z.uuid("template_id must be a UUID"),
  template_version: z.int().min(1).optional(),
  target: targetInput,
  strategy: strategyInput.default({ type: "all_at_once" }),
});
export type CreateDeploymentInput = z.input<typeof createDeploymentInput>;

export const previewInput = z.object({ target: targetInput });

export const rollbackInput = z.object({ strategy: strategyInput.optional() }).default({});

export const listDeploymentsQuery = pageQuery({ maxLimit: 100, defaultLimit: 20 }).extend({
  status: z.enum(DEPLOYMENT_STATUSES).optional(),
});

export const deploymentGatewaysQuery = pageQuery({ maxLimit: 500, defaultLimit: 100 }).extend({
  status: z.enum(ROLLOUT_STATUSES).optional(),
});
