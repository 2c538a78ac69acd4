import { z } from "zod";
import { parseSelector } from "../deployments/schemas";
import { METRIC_IDS } from "./catalog";

/** Points per series a query may return (10k renders fast in the charts; more is a wider step). */
export const MAX_POINTS = 11_000;
const TARGET_POINTS = 720;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `60`, `90s`, `5m`, `1h`, `1d` → seconds. */
const stepInput = z
  .string()
  .regex(/^\d+[smhd]?$/, "step must be seconds or a duration like 5m, 1h")
  .transform((v) => Number.parseInt(v, 10) * (UNIT_SECONDS[v.replace(/^\d+/, "")] ?? 1))
  .pipe(z.number().min(60, "step must be at least 60s (the series' resolution)"));
const instant = z.iso.datetime({ offset: true, error: "must be an ISO 8601 time, e.g. 2026-12-01T10:00:00Z" });

export const timeWindowQuery = z
  .object({
    from: instant.optional(),
    to: instant.optional(),
  })
  .transform((q, c) => {
    const to = q.to ? new Date(q.to) : new Date();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 3_600_000);
    if (from >= to) c.addIssue({ code: "custom", path: ["from"], message: "from must be before to" });
    return { from, to };
  });

/** The query fields as sent (the OpenAPI document lists these); the window checks follow in `withWindow`. */
export const timeseriesQueryFields = z.object({
  metric: z.enum(METRIC_IDS, { error: `metric must be one of: ${METRIC_IDS.join(", ")}` }),
  from: z.string().optional().describe("ISO 8601 start (inclusive); default: an hour before `to`"),
  to: z.string().optional().describe("ISO 8601 end (exclusive); default: now"),
  step: stepInput.optional().describe("Bucket width: seconds or 5m, 1h, 1d (at least 60 s); default: about 720 points"),
  by: z.enum(["signal", "component", "total"]).default("signal").describe("How series are split"),
  signal: z.enum(["logs", "metrics", "traces"]).optional(),
});

export const selectorText = z
  .string()
  .optional()
  .describe("Tag selector, e.g. env=prod,canary (every term must match); default: every gateway")
  .transform((v, c) => {
    if (v === undefined || v.trim() === "") return undefined;
    try {
      return parseSelector(v);
    } catch (err) {
      c.addIssue({ code: "custom", message: (err as Error).message });
      return z.NEVER;
    }
  });
export const orgTimeseriesQueryFields = timeseriesQueryFields.extend({ selector: selectorText });

function withWindow<T extends { from?: string; to?: string; step?: number }>(q: T, c: z.RefinementCtx) {
  const window = timeWindowQuery.safeParse({ from: q.from, to: q.to });
  if (!window.success) {
    for (const issue of window.error.issues) c.addIssue({ ...issue, code: "custom" });
    return z.NEVER;
  }
  const { from, to } = window.data;
  const seconds = (to.getTime() - from.getTime()) / 1000;
  const step = q.step ?? Math.max(60, Math.ceil(seconds / TARGET_POINTS / 60) * 60);
  if (seconds / step > MAX_POINTS)
    c.addIssue({ code: "custom", path: ["step"], message: `step too small: over ${MAX_POINTS} points per series` });
  return { ...q, from, to, step };
}

export const timeseriesQuery = timeseriesQueryFields.transform(withWindow);
export type TimeseriesQuery = z.input<typeof timeseriesQuery>;
export const orgTimeseriesQuery = orgTimeseriesQueryFields.transform(withWindow);
export type OrgTimeseriesQuery = z.input<typeof orgTimeseriesQuery>;
