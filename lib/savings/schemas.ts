import { z } from "zod";
import { selectorText, timeWindowQuery } from "../timeseries/schemas";

export const GROUP_BY = ["org", "gateway", "template", "transform"] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** The query fields as sent (the OpenAPI document lists these); the window checks follow in the transform. */
export const savingsQueryFields = z.object({
  from: z.string().optional().describe("ISO 8601 start (inclusive); default: an hour before `to`"),
  to: z.string().optional().describe("ISO 8601 end (exclusive); default: now"),
  gateway_id: z.string().optional().describe("Only this gateway"),
  selector: selectorText,
  group_by: z
    .enum(GROUP_BY, { error: `group_by must be one of: ${GROUP_BY.join(", ")}` })
    .default("org")
    .describe(
      "org (one group, default), gateway, template (the template each gateway is assigned now) or transform (those " +
        "its template uses; a gateway counts in each)",
    ),
});

export const savingsQuery = savingsQueryFields.transform((q, c) => {
  const window = timeWindowQuery.safeParse({ from: q.from, to: q.to });
  if (!window.success) {
    for (const issue of window.error.issues) c.addIssue({ ...issue, code: "custom" });
    return z.NEVER;
  }
  return { ...q, ...window.data };
});
export type SavingsQuery = z.input<typeof savingsQuery>;

const UNIT_SECONDS: Record<string, number> = { m: 60, h: 3600, d: 86_400 };

/** Before/after a deployment: the window length on each side (`30m`, `1h`, `1d`; default 1h, at most 7 days). */
export const deploymentVolumeQuery = z.object({
  window: z
    .string()
    .regex(/^\d+[mhd]$/, "window must be a duration like 30m, 1h, 1d")
    .transform((v) => Number.parseInt(v, 10) * UNIT_SECONDS[v.slice(-1)])
    .pipe(
      z
        .number()
        .min(60, "window must be at least 1m")
        .max(7 * 86_400, "window must be at most 7d"),
    )
    .optional()
    .describe("Window length on each side of the deployment: 30m, 1h, 1d (default 1h, at most 7d)"),
});
