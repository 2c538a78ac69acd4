/**
 * The pcommon value model the preview evaluates on: Str, Int (int64 as BigInt, so IDs past 2^53 survive), Double
 * (a JS number, kept distinct from Int), Bool, Map (ordered), Slice, Bytes and Empty (null).
 */
export type Value = string | bigint | number | boolean | ValueMap | Value[] | Uint8Array | null;
export type ValueMap = Map<string, Value>;

export type ValueType = "str" | "int" | "double" | "bool" | "map" | "slice" | "bytes" | "empty";

export function typeOf(v: Value): ValueType {
  if (v === null || v === undefined) return "empty";
  switch (typeof v) {
    case "string":
      return "str";
    case "bigint":
      return "int";
    case "number":
      return "double";
    case "boolean":
      return "bool";
  }
  if (v instanceof Map) return "map";
  if (v instanceof Uint8Array) return "bytes";
  return "slice";
}

export function isMap(v: Value | undefined): v is ValueMap {
  return v instanceof Map;
}

export function cloneValue(v: Value): Value {
  if (v instanceof Map) return cloneMap(v);
  if (v instanceof Uint8Array) return v.slice();
  if (Array.isArray(v)) return v.map(cloneValue);
  return v;
}

export function cloneMap(m: ValueMap): ValueMap {
  const out: ValueMap = new Map();
  for (const [k, v] of m) out.set(k, cloneValue(v));
  return out;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: false });

export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Go's `len(s)`: the UTF-8 byte length, not the UTF-16 length. */
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Go's `s[start:end]` on a string: byte offsets. A cut inside a rune gives invalid UTF-8 in Go; JS strings cannot hold
 * that, so the broken bytes decode to U+FFFD here.
 */
export function byteSlice(s: string, start: number, end: number): string {
  if (start === 0 && end >= s.length * 3) return s;
  return decoder.decode(utf8(s).subarray(start, end));
}

export function hex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

export function fromHex(s: string): Uint8Array {
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(i * 2, i * 2 + 2), 16);
  return out;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export function base64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    s += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    s += i + 1 < bytes.length ? B64[(n >> 6) & 63] : "=";
    s += i + 2 < bytes.length ? B64[n & 63] : "=";
  }
  return s;
}

export function fromBase64(s: string): Uint8Array {
  const clean = s.replace(/=+$/, "");
  const out: number[] = [];
  let buf = 0;
  let bits = 0;
  for (const ch of clean) {
    const i = B64.indexOf(ch === "-" ? "+" : ch === "_" ? "/" : ch);
    if (i < 0) throw new Error(`invalid base64 character ${JSON.stringify(ch)}`);
    buf = (buf << 6) | i;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buf >> bits) & 0xff);
    }
  }
  return new Uint8Array(out);
}

/** Go's strconv.FormatFloat(f, 'f', -1, 64)-like rendering used by pcommon `AsString` for doubles. */
export function formatDouble(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (n === Infinity) return "+Inf";
  if (n === -Infinity) return "-Inf";
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  const s = String(n);
  if (!s.includes("e")) return s;
  return n.toFixed(20).replace(/0+$/, "").replace(/\.$/, "");
}

/** encoding/json of a pcommon value's raw form (map keys sorted), which is how maps and slices are stringified. */
function toJSON(v: Value): string {
  switch (typeOf(v)) {
    case "map":
      return `{${[...(v as ValueMap).keys()]
        .sort()
        .map((k) => `${JSON.stringify(k)}:${toJSON((v as ValueMap).get(k)!)}`)
        .join(",")}}`;
    case "slice":
      return `[${(v as Value[]).map(toJSON).join(",")}]`;
    case "bytes":
      return JSON.stringify(base64(v as Uint8Array));
    case "int":
      return (v as bigint).toString();
    case "empty":
      return "null";
    default:
      return JSON.stringify(v);
  }
}

/** pcommon Value.AsString: how non-strings are stringified (IsMatch, redaction of non-strings). */
export function asString(v: Value): string {
  switch (typeOf(v)) {
    case "str":
      return v as string;
    case "int":
      return (v as bigint).toString();
    case "double":
      return formatDouble(v as number);
    case "bool":
      return v ? "true" : "false";
    case "bytes":
      return base64(v as Uint8Array);
    case "empty":
      return "";
    default:
      return toJSON(v);
  }
}

/** A short display form for previews (strings quoted, ints plain, doubles with a decimal point). */
export function display(v: Value): string {
  switch (typeOf(v)) {
    case "str":
      return JSON.stringify(v);
    case "double": {
      const s = formatDouble(v as number);
      return /^-?\d+$/.test(s) ? `${s}.0` : s;
    }
    case "empty":
      return "nil";
    default:
      return asString(v);
  }
}

/** Deep equality with pcommon semantics: Int and Double compare numerically, nothing else converts. */
export function valuesEqual(a: Value, b: Value): boolean {
  const ta = typeOf(a);
  const tb = typeOf(b);
  if (ta === "int" && tb === "int") return a === b;
  if ((ta === "int" || ta === "double") && (tb === "int" || tb === "double")) return Number(a) === Number(b);
  if (ta !== tb) return false;
  switch (ta) {
    case "map": {
      const ma = a as ValueMap;
      const mb = b as ValueMap;
      if (ma.size !== mb.size) return false;
      for (const [k, v] of ma) if (!mb.has(k) || !valuesEqual(v, mb.get(k)!)) return false;
      return true;
    }
    case "slice": {
      const sa = a as Value[];
      const sb = b as Value[];
      return sa.length === sb.length && sa.every((v, i) => valuesEqual(v, sb[i]));
    }
    case "bytes": {
      const ba = a as Uint8Array;
      const bb = b as Uint8Array;
      return ba.length === bb.length && ba.every((x, i) => x === bb[i]);
    }
    default:
      return a === b;
  }
}

/** Plain JS (JSON-parsed) → Value with ParseJSON's rules: every number a Double, null an Empty value. */
export function fromJSON(x: unknown): Value {
  if (x === null || x === undefined) return null;
  if (typeof x === "number") return x;
  if (typeof x === "string" || typeof x === "boolean") return x;
  if (Array.isArray(x)) return x.map(fromJSON);
  const m: ValueMap = new Map();
  for (const [k, v] of Object.entries(x as Record<string, unknown>)) m.set(k, fromJSON(v));
  return m;
}
