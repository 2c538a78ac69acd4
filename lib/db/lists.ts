import { sql, type SQL } from "drizzle-orm";

/**
 * A subquery of the given values sent as one JSON parameter, for `x in (...)` over thousands of keys: one bind
 * value instead of one per key keeps both query building and the wire message small.
 */
export function uuidList(ids: string[]): SQL {
  return sql`(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid ${rowCount(ids)})`;
}

/** uuidList for bytea values given as hex strings. */
export function byteaHexList(hex: string[]): SQL {
  return sql`(select decode(jsonb_array_elements_text(${JSON.stringify(hex)}::jsonb), 'hex') ${rowCount(hex)})`;
}

/**
 * `limit n` for a set unpacked from JSON, n being its length: PostgreSQL takes such a set for 100 rows, and for a
 * batch of a few keys against a table of thousands of gateways that made it hash-join over a sequential scan
 * (5 ms a statement at 5,000 gateways) instead of a few index look-ups. With the limit a plan counts n rows.
 */
export const rowCount = (values: unknown[]) => sql`limit ${values.length}`;
