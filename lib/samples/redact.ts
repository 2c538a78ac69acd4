import type { Queryable } from "../db/client";
import { readSettings } from "../settings/queries";
import { compilePiiRules, type PiiMasker } from "../transforms/pii-patterns";
import type { OtlpJson } from "./otlp-json";

type Obj = Record<string, unknown>;

/** Keys whose value is a list of KeyValue (resource, scope, record, span, event, link, data point, exemplar). */
const ATTRIBUTE_KEYS = new Set(["attributes", "filteredAttributes"]);

/** The masker for the org's `pii_redaction` setting. */
export async function orgPiiMasker(db: Queryable, orgId: string): Promise<PiiMasker> {
  return compilePiiRules((await readSettings(db, orgId)).pii_redaction);
}

/**
 * A copy of an OTLP/JSON payload with PII masked in log bodies and in every string attribute value, at any level
 * (resource, scope, log record, span, span event and link, data point, exemplar), nested maps and arrays included.
 */
export function redactPayload(payload: OtlpJson, mask: PiiMasker): OtlpJson {
  return walk(payload, mask) as OtlpJson;
}

function walk(value: unknown, mask: PiiMasker): unknown {
  if (Array.isArray(value)) return value.map((v) => walk(v, mask));
  if (!value || typeof value !== "object") return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) {
    if (ATTRIBUTE_KEYS.has(k) && Array.isArray(v)) out[k] = v.map((kv) => keyValue(kv, mask));
    else if (k === "body") out[k] = anyValue(v, mask);
    else out[k] = walk(v, mask);
  }
  return out;
}

function keyValue(kv: unknown, mask: PiiMasker): unknown {
  if (!kv || typeof kv !== "object") return kv;
  const o = kv as Obj;
  return "value" in o ? { ...o, value: anyValue(o.value, mask) } : o;
}

/** An OTLP AnyValue: strings are masked, arrays and key-value lists recursed into, other types kept. */
function anyValue(v: unknown, mask: PiiMasker): unknown {
  if (!v || typeof v !== "object") return v;
  const o = v as Obj;
  if (typeof o.stringValue === "string") return { ...o, stringValue: mask(o.stringValue) };
  const list = (o.arrayValue ?? o.kvlistValue) as Obj | undefined;
  if (list && Array.isArray(list.values)) {
    const key = o.arrayValue ? "arrayValue" : "kvlistValue";
    const values = o.arrayValue ? list.values.map((x) => anyValue(x, mask)) : list.values.map((x) => keyValue(x, mask));
    return { ...o, [key]: { ...list, values } };
  }
  return o;
}
