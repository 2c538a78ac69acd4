import { sql, type SQL } from "drizzle-orm";

/**
 * A subquery of the given values sent as one JSON parameter, for `x in (...)` over thousands of keys: one bind
 * value instead of one per key keeps both query building and the wire message small.
 */
export function uuidList(ids: string[]): SQL {
  return sql`(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`;
}

/** uuidList for bytea values given as hex strings. */
export function byteaHexList(hex: string[]): SQL {
  return sql`(select decode(jsonb_array_elements_text(${JSON.stringify(hex)}::jsonb), 'hex'))`;
}
