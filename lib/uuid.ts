const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a UUID: ids that are not cannot name a row, so callers answer 404 (or 400 for a query filter). */
export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}
