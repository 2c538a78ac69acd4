import type { SampleSignal } from "../db/schema";
import { InvalidInputError, PayloadTooLargeError } from "../errors";
import { decodeExportRequest, exportRequestName } from "../telemetry/otlp-codec";
import { countRecords, mergePayloads, RESOURCE_KEY, toOtlpJson, type OtlpJson } from "./otlp-json";

export const SAMPLE_FORMATS = ["lines", "json", "otlp_json"] as const;
export type SampleFormat = (typeof SAMPLE_FORMATS)[number];

/** Largest sample content accepted (UTF-8 bytes): 5 MiB. */
export const SAMPLE_MAX_BYTES = 5 * 1024 * 1024;

const SIGNAL_OF_KEY = Object.fromEntries(Object.entries(RESOURCE_KEY).map(([s, k]) => [k, s])) as Record<
  string,
  SampleSignal
>;
const RECORD_NOUN: Record<SampleSignal, string> = {
  logs: "log records",
  metrics: "metric data points",
  traces: "spans",
};

const expected = (signal: SampleSignal) =>
  `expected an ${exportRequestName(signal)} object with a "${RESOURCE_KEY[signal]}" array (one per line is fine, as the collector's file exporter writes)`;

/**
 * Sample content as one OTLP/JSON request of the signal: pasted lines or JSON (log records whose body is each
 * line or JSON value), or OTLP/JSON, checked against the OTLP schema. Anything else is a 400 naming what was
 * expected; content over SAMPLE_MAX_BYTES is a 413.
 */
export function parseSampleContent(
  signal: SampleSignal,
  format: SampleFormat,
  content: string,
): { payload: OtlpJson; recordCount: number } {
  const size = Buffer.byteLength(content);
  if (size > SAMPLE_MAX_BYTES)
    throw new PayloadTooLargeError(`Sample content is ${size} bytes; the limit is ${SAMPLE_MAX_BYTES} bytes (5 MiB)`);
  if (format !== "otlp_json" && signal !== "logs") {
    throw new InvalidInputError(
      `Format "${format}" makes log records; for ${signal}, upload OTLP/JSON (format "otlp_json")`,
    );
  }
  const payload =
    format === "otlp_json"
      ? parseOtlpJson(signal, content)
      : logsPayload(format === "lines" ? textLines(content) : jsonBodies(content));
  const recordCount = countRecords(signal, payload);
  if (recordCount === 0) throw new InvalidInputError(`The sample contains no ${RECORD_NOUN[signal]}`);
  return { payload, recordCount };
}

function textLines(content: string): string[] {
  return content.split(/\r?\n/).filter((l) => l.trim() !== "");
}

/** A JSON array of values, or one JSON value per line: each becomes a log body (objects as maps, like the studio's parser). */
function jsonBodies(content: string): unknown[] {
  const whole = tryJson(content);
  if (whole.ok) return Array.isArray(whole.value) ? whole.value : [whole.value];
  return textLines(content).map((line, i) => {
    const parsed = tryJson(line);
    if (!parsed.ok)
      throw new InvalidInputError(`Line ${i + 1} is not JSON: expected a JSON array, or one JSON value per line`);
    return parsed.value;
  });
}

/** A JSON value as an OTLP AnyValue; numbers are doubles, as OTTL's ParseJSON makes them. */
function anyValue(v: unknown): Record<string, unknown> {
  if (typeof v === "string") return { stringValue: v };
  if (typeof v === "boolean") return { boolValue: v };
  if (typeof v === "number") return { doubleValue: v };
  if (Array.isArray(v)) return { arrayValue: { values: v.map(anyValue) } };
  if (v && typeof v === "object")
    return { kvlistValue: { values: Object.entries(v).map(([key, x]) => ({ key, value: anyValue(x) })) } };
  return {};
}

function logsPayload(bodies: unknown[]): OtlpJson {
  const logRecords = bodies.map((body) => ({ body: anyValue(body) }));
  return { resourceLogs: [{ resource: {}, scopeLogs: [{ scope: {}, logRecords }] }] };
}

function parseOtlpJson(signal: SampleSignal, content: string): OtlpJson {
  const whole = tryJson(content);
  const docs = whole.ok ? [whole] : textLines(content).map(tryJson);
  let payload: OtlpJson = { [RESOURCE_KEY[signal]]: [] };
  docs.forEach((value, i) => {
    const where = docs.length > 1 ? ` (line ${i + 1})` : "";
    if (!value.ok || !value.value || typeof value.value !== "object" || Array.isArray(value.value)) {
      throw new InvalidInputError(`Not OTLP/JSON${where}: ${expected(signal)}`);
    }
    const keys = Object.keys(value.value);
    const other = keys.map((k) => SIGNAL_OF_KEY[k]).find((s) => s && s !== signal);
    if (other)
      throw new InvalidInputError(
        `The content is OTLP/JSON ${other} ("${RESOURCE_KEY[other]}")${where}, but the sample's signal is ${signal}`,
      );
    if (!keys.includes(RESOURCE_KEY[signal])) throw new InvalidInputError(`Not OTLP/JSON${where}: ${expected(signal)}`);
    let decoded: Record<string, unknown>;
    try {
      decoded = decodeExportRequest(signal, "json", Buffer.from(JSON.stringify(value.value)));
    } catch (err) {
      throw new InvalidInputError(
        `Not valid OTLP/JSON ${signal}${where}: ${(err as Error).message}; ${expected(signal)}`,
      );
    }
    payload = mergePayloads(signal, payload, toOtlpJson(decoded) as OtlpJson);
  });
  return payload;
}

function tryJson(text: string): { ok: boolean; value: unknown } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, value: undefined };
  }
}
