import { and, sql } from "drizzle-orm";
import { isMap, parseDocument, type Document } from "yaml";
import { transformCaptures, type SampleSignal } from "../db/schema";
import type { Queryable } from "../db/client";
import { uuidList } from "../db/lists";
import { publicUrl } from "../config";
import { collectorConfigMap, hashConfigMap } from "../config-distribution/config-map";
import type { DesiredConfig } from "../config-distribution/desired";
import { signCaptureToken } from "./token";

export const CAPTURE_COMPONENT = "fg_capture";
export const OPEN_CAPTURE_STATUSES = ["pending", "active"] as const;
/** Open captures, spelled as the partial index's predicate so the planner uses that index. */
export const isOpenCapture = sql`${transformCaptures.status} in ('pending', 'active')`;

type OpenCapture = typeof transformCaptures.$inferSelect;

/** Where the capture pipeline exports: FlowGate's own OTLP receiver for this capture (the exporter appends /v1/<signal>). */
export function captureEndpoint(captureId: string): string {
  return `${publicUrl()}/api/v1/otlp/capture/${captureId}`;
}

/**
 * Adds the capture pipeline to the desired config of gateways with an open capture. One query on the partial
 * index of open captures per batch; gateways without a capture keep their config object untouched.
 */
export async function applyCaptureOverlays(db: Queryable, configs: Map<string, DesiredConfig | null>): Promise<void> {
  const ids = [...configs.entries()].filter(([, c]) => c).map(([id]) => id);
  if (ids.length === 0) return;
  const open = await db
    .select()
    .from(transformCaptures)
    .where(and(sql`${transformCaptures.gatewayId} in ${uuidList(ids)}`, isOpenCapture));
  for (const capture of open) {
    const desired = configs.get(capture.gatewayId);
    if (desired) configs.set(capture.gatewayId, await withCapturePipeline(desired, capture));
  }
}

/** Receivers of the config's pipelines of this signal (`logs`, `logs/…`), or none. */
export function signalReceivers(doc: Document, signal: SampleSignal): string[] {
  const pipelines = doc.getIn(["service", "pipelines"]);
  if (!isMap(pipelines)) return [];
  const out = new Set<string>();
  for (const [name, pipeline] of Object.entries(pipelines.toJSON() as Record<string, { receivers?: unknown } | null>)) {
    if (name !== signal && !name.startsWith(`${signal}/`)) continue;
    if (Array.isArray(pipeline?.receivers)) for (const r of pipeline.receivers) out.add(String(r));
  }
  return [...out];
}

/**
 * `<signal>/fg_capture`: the same receivers as the gateway's pipelines of the signal, an optional sampler, and an
 * otlphttp exporter to FlowGate authenticated by the capture token. Retries are off: a capture is best effort and
 * its token dies with the window.
 */
async function withCapturePipeline(desired: DesiredConfig, capture: OpenCapture): Promise<DesiredConfig> {
  const doc = parseDocument(desired.yaml);
  const receivers = signalReceivers(doc, capture.signal);
  if (receivers.length === 0) return desired;
  const token = await signCaptureToken(capture);
  const id = CAPTURE_COMPONENT;
  doc.setIn(
    ["exporters", `otlphttp/${id}`],
    doc.createNode({
      endpoint: captureEndpoint(capture.id),
      headers: { authorization: `Bearer ${token}` },
      retry_on_failure: { enabled: false },
    }),
  );
  const processors: string[] = [];
  if (capture.samplingPercentage != null) {
    // Logs without a trace id carry no randomness; fail_closed: false keeps them instead of dropping them all.
    const sampler = {
      sampling_percentage: capture.samplingPercentage,
      ...(capture.signal === "logs" ? { fail_closed: false } : {}),
    };
    doc.setIn(["processors", `probabilistic_sampler/${id}`], doc.createNode(sampler));
    processors.push(`probabilistic_sampler/${id}`);
  }
  doc.setIn(
    ["service", "pipelines", `${capture.signal}/${id}`],
    doc.createNode({ receivers, processors, exporters: [`otlphttp/${id}`] }),
  );
  const yaml = doc.toString();
  const files = collectorConfigMap(yaml);
  return { ...desired, files, yaml, hash: hashConfigMap(files) };
}
