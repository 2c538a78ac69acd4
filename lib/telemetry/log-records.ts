/** Turns a decoded ExportLogsServiceRequest into gateway_logs rows (pure: no database). */

type Obj = Record<string, unknown>;

export type LogRow = { timestamp: Date; severity: string | null; body: string; attributes: Record<string, unknown> };

/** Longer bodies (a collector can log whole configs) are cut here, so one line cannot bloat the table. */
export const MAX_BODY_CHARS = 32_768;

const SEVERITIES = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"];
const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);

/** An OTLP AnyValue as a JSON value: int64s become numbers while they are exact, else decimal strings. */
export function anyValueToJson(v: unknown): unknown {
  if (!v || typeof v !== "object") return null;
  const a = v as Obj;
  if (a.stringValue !== undefined) return a.stringValue;
  if (a.boolValue !== undefined) return a.boolValue;
  if (a.intValue !== undefined) {
    const n = Number(a.intValue);
    return Number.isSafeInteger(n) ? n : String(a.intValue);
  }
  if (a.doubleValue !== undefined) return Number(a.doubleValue);
  if (a.arrayValue !== undefined) return list((a.arrayValue as Obj).values).map(anyValueToJson);
  if (a.kvlistValue !== undefined) return keyValuesToObject((a.kvlistValue as Obj).values);
  if (a.bytesValue !== undefined) return a.bytesValue; // base64, as OTLP/JSON writes bytes
  return null;
}

export function keyValuesToObject(kvs: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kv of list(kvs)) if (typeof kv.key === "string") out[kv.key] = anyValueToJson(kv.value);
  return out;
}

export function bodyToString(body: unknown): string {
  const value = anyValueToJson(body);
  const text = typeof value === "string" ? value : value === null ? "" : JSON.stringify(value);
  return text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS)}…` : text;
}

export function severityOf(record: Obj): string | null {
  if (typeof record.severityText === "string" && record.severityText) return record.severityText;
  const n = Number(record.severityNumber ?? 0);
  return n >= 1 && n <= 24 ? SEVERITIES[Math.floor((n - 1) / 4)] : null;
}

function timestampOf(record: Obj, now: Date): Date {
  for (const key of ["timeUnixNano", "observedTimeUnixNano"]) {
    const ns = record[key];
    if (typeof ns !== "string" || !/^\d+$/.test(ns) || ns === "0") continue;
    const d = new Date(Number(BigInt(ns) / 1_000_000n));
    if (!Number.isNaN(d.getTime())) return d;
  }
  return now;
}

/** All log records of the request in their order; only the newest `limit` are returned, as only they are kept. */
export function toLogRows(request: Obj, limit: number, now = new Date()): LogRow[] {
  const rows: LogRow[] = [];
  for (const rl of list(request.resourceLogs)) {
    for (const sl of list(rl.scopeLogs)) {
      for (const r of list(sl.logRecords)) {
        rows.push({
          timestamp: timestampOf(r, now),
          severity: severityOf(r),
          body: bodyToString(r.body),
          attributes: keyValuesToObject(r.attributes),
        });
      }
    }
  }
  return rows.length > limit ? rows.slice(rows.length - limit) : rows;
}
