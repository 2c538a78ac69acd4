import { getTableColumns, sql, type SQL } from "drizzle-orm";
import { gateways } from "../db/schema";
import { rowCount } from "../db/lists";
import type { GatewayChanges, Transport } from "./state-writer";

/** One gateway's reported state and the liveness of the message that carried it. */
export type StateRow = {
  gatewayId: string;
  at: number;
  seq: bigint | null;
  transport: Transport;
  changes: GatewayChanges;
};

const COLUMNS = getTableColumns(gateways);
type Key = keyof GatewayChanges & keyof typeof COLUMNS;

/**
 * An effective config longer than this goes in its own statement as a plain text parameter: inside the JSON,
 * PostgreSQL parses every character as jsonb (2–3× the time of a plain parameter at 1 MiB) and PGlite does so on the
 * event loop, stalling every other agent meanwhile (issue 14).
 */
export const INLINE_CONFIG_MAX = 64 * 1024;
const bigConfig = (r: StateRow) => (r.changes.effectiveConfig?.length ?? 0) > INLINE_CONFIG_MAX;

/**
 * UPDATE statements for many gateways at once: one per distinct set of changed columns (a fleet's first
 * messages all change the same ones), the rows sent as one JSON parameter and unpacked with jsonb_to_recordset,
 * so a thousand agents cost one statement rather than a thousand. Rows without changes record liveness only
 * (heartbeats), which leaves updated_at alone.
 */
export function stateUpdates(rows: StateRow[]): SQL[] {
  const groups = new Map<string, { keys: Key[]; rows: StateRow[] }>();
  for (const r of rows) {
    const signature = Object.keys(r.changes).sort().join(",");
    const groupKey = bigConfig(r) ? `${signature}|${r.gatewayId}` : signature;
    const group = groups.get(groupKey);
    if (group) group.rows.push(r);
    else groups.set(groupKey, { keys: signature ? (signature.split(",") as Key[]) : [], rows: [r] });
  }
  return [...groups.values()].map((g) => groupUpdate(g.keys, g.rows));
}

function groupUpdate(keys: Key[], rows: StateRow[]): SQL {
  const bigRow = rows.length === 1 && bigConfig(rows[0]) ? rows[0] : null;
  const cols = keys.map((key, i) => {
    const column = COLUMNS[key];
    const type = column.getSQLType();
    // JSON has no bytes: bytea travels as hex.
    const bytes = type === "bytea";
    const own = bigRow !== null && key === "effectiveConfig";
    return { key, alias: `c${i}`, name: column.name, recordType: bytes ? "text" : type, bytes, own };
  });
  const inRecord = cols.filter((c) => !c.own);
  const records = rows.map((r) => {
    const rec: Record<string, unknown> = { id: r.gatewayId, ts: r.at, seq: r.seq?.toString() ?? null, tr: r.transport };
    for (const c of inRecord) {
      const v = r.changes[c.key];
      rec[c.alias] = c.bytes && v ? Buffer.from(v as Uint8Array).toString("hex") : (v ?? null);
    }
    return rec;
  });
  const sets = cols.map((c) =>
    c.own
      ? sql`${sql.raw(quote(c.name))} = ${bigRow!.changes.effectiveConfig}::text, `
      : sql.raw(`${quote(c.name)} = ${c.bytes ? `decode(v.${c.alias}, 'hex')` : `v.${c.alias}`}, `),
  );
  // A gateway whose agent reports itself unhealthy is `error` while it talks to us (the reported flag of this
  // message if it carries one, else the stored one); otherwise any message makes it active.
  const healthCol = cols.find((c) => c.key === "reportedHealthy");
  const healthy = healthCol ? `v.${healthCol.alias}` : "g.reported_healthy";
  const status = sql.raw(`case when ${healthy} = false then 'error'::gateway_status else 'active'::gateway_status end`);
  const recordColumns = sql.raw(
    ["id uuid", "ts bigint", "seq bigint", "tr text", ...inRecord.map((c) => `${c.alias} ${c.recordType}`)].join(", "),
  );
  return sql`
    update gateways g set ${sql.join(sets)}
      last_seen = to_timestamp(v.ts / 1000.0),
      sequence_num = coalesce(v.seq, g.sequence_num),
      status = ${status},
      active_since = case when g.status in ('active', 'error') and g.active_since is not null then g.active_since else to_timestamp(v.ts / 1000.0) end,
      connection_state = 'connected',
      transport = v.tr::opamp_transport${sql.raw(keys.length ? ", updated_at = now()" : "")}
    from (select * from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as v(${recordColumns}) ${rowCount(records)}) v
    where g.id = v.id`;
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
