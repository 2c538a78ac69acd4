import { z } from "zod";
import { PRICE_KEYS } from "../../settings/prices";
import { deploymentMarkersQueryFields } from "../../deployments/markers";
import { deploymentVolumeQuery, GROUP_BY, savingsQueryFields } from "../../savings/schemas";
import type { OperationGroup } from "../registry";
import { id, timestamp } from "../responses/common";

const signals = <T extends z.ZodType>(item: T) => z.object({ logs: item, metrics: item, traces: item });
const inOut = z.object({ in: z.number(), out: z.number() });

/** lib/savings/prices.ts Figures. */
const figures = inOut.extend({
  saved: z.number().describe("in − out"),
  saved_ratio: z.number().nullable().describe("saved / in; null when nothing came in"),
  estimated_cost_saved: z.number().nullable().describe("saved × the org's price; null while that price is blank"),
});
const summary = z.object({
  gateways: z.int().describe("Gateways with own metrics in the window"),
  signals: signals(figures).describe("Items: log records, data points, spans"),
  bytes: figures.describe("Request bytes, where the collectors report them (telemetry level detailed)"),
  exporters: z
    .array(z.object({ signal: z.string(), component: z.string(), sent: z.number() }))
    .describe("What each exporter sent (a fan-out shows as several exporters of one signal)"),
});

/** lib/savings/queries.ts getSavings. */
const savings = z.object({
  from: timestamp,
  to: timestamp,
  gateway_id: id.nullable(),
  group_by: z.enum(GROUP_BY),
  prices: z.object(
    Object.fromEntries(PRICE_KEYS.map((k) => [k, z.number().nullable()])) as Record<
      (typeof PRICE_KEYS)[number],
      z.ZodNullable<z.ZodNumber>
    >,
  ),
  total: summary,
  groups: z.array(
    summary.extend({
      id: id.nullable().describe("The org, gateway or template id; null for gateways without a template"),
      name: z.string(),
    }),
  ),
});

const side = z.object({ from: timestamp, to: timestamp, signals: signals(inOut), bytes: inOut });
const delta = z
  .object({ change: z.number(), ratio: z.number().nullable() })
  .nullable()
  .describe("after.out − before.out, and its share of before.out; null until a minute has passed");

/** lib/savings/before-after.ts getDeploymentVolume. */
const deploymentVolume = z.object({
  deployment_id: id,
  window_seconds: z.int(),
  before: side,
  after: side.nullable(),
  delta: z.object({ signals: signals(delta), bytes: delta }),
});

/** lib/deployments/markers.ts listDeploymentMarkers. */
const markers = z.object({
  items: z.array(
    z.object({ id, name: z.string(), status: z.string(), created_at: timestamp, finished_at: timestamp.nullable() }),
  ),
});

export const savingsPaths: OperationGroup = {
  tag: "Savings",
  description:
    "What the gateways keep from the backends, from their own metrics: items and bytes in − out, with a cost " +
    "estimate from the org's prices (setting savings.prices), and the output before and after a deployment.",
  operations: [
    {
      method: "get",
      path: "/api/v1/savings",
      summary: "Volume saved over a window",
      description:
        "Per signal, items accepted by receivers minus items sent; a gateway's output is its busiest exporter of " +
        "the signal, so a pipeline fanning out to two backends counts once.",
      auth: "member",
      query: savingsQueryFields,
      responses: { 200: { description: "The totals and one entry per group", schema: savings } },
    },
    {
      method: "get",
      path: "/api/v1/deployments/{deploymentId}/volume",
      summary: "Output before and after a deployment",
      description:
        "The targeted gateways' volume over the same window length before the deployment started and after it " +
        "finished (after its start while it rolls out).",
      auth: "member",
      query: deploymentVolumeQuery,
      responses: { 200: { description: "Both windows and the change", schema: deploymentVolume } },
    },
    {
      method: "get",
      path: "/api/v1/timeseries/markers",
      summary: "Deployment markers for time axes",
      description:
        "The deployments created or finished in the window, newest first (at most 200): those targeting `gateway_id`, " +
        "else the org's. The charts draw a vertical line at each time.",
      auth: "member",
      query: deploymentMarkersQueryFields,
      responses: { 200: { description: "The deployments", schema: markers } },
    },
  ],
};
