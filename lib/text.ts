/**
 * Text PostgreSQL cannot store: NUL (text and jsonb refuse it) and unpaired UTF-16 surrogates (jsonb refuses their
 * `\ud800` escapes). Matched per code unit, so a surrogate pair is fine.
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, "g");

/** Whether a string can be stored as is. */
export function isStorableText(s: string): boolean {
  return !UNSTORABLE.test(s);
}

/** The string with each NUL and unpaired surrogate replaced by U+FFFD, for text that is only displayed. */
export function storableText(s: string): string {
  return isStorableText(s) ? s : s.replace(UNSTORABLE_ALL, "\ufffd");
}

/**
 * The path of the first string (value or object key) in a JSON-like value that cannot be stored, e.g.
 * `["metadata", "env", 1]`; null when every string can. A bad key names the object holding it.
 */
export function findUnstorableText(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === "string") return isStorableText(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], [...path, i]);
      if (found) return found;
    }
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (!isStorableText(k)) return path;
      const found = findUnstorableText(v, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}

/** A copy of a JSON-like value with every string and key made storable (see storableText). */
export function toStorableText<T>(value: T): T {
  if (typeof value === "string") return storableText(value) as T;
  if (Array.isArray(value)) return value.map(toStorableText) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), toStorableText(v)])) as T;
  }
  return value;
}
