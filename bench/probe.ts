import postgres from "postgres";
import type { Api } from "./api";
import { CAPABILITIES } from "./opamp-wire";

/**
 * What the server has stored, read back to prove it: straight from PostgreSQL when the bench runs on it (cheap and
 * exact), else through the supervisor API (PGlite allows only the server process on its folder).
 */
export type StateProbe = {
  /** Agents connected with their full state stored (description, capabilities, effective config). */
  fullStateCount(): Promise<number>;
  /** How many agents' stored sequence_num equals the last one they sent. */
  sequenceMatches(lastSeq: Map<string, number>): Promise<number>;
  /** Agents whose stored RemoteConfigStatus is APPLIED for some config. */
  appliedCount(): Promise<number>;
  /** Transactions the database committed so far (PostgreSQL only; a single statement is one), else null. */
  transactions(): Promise<number | null>;
  close(): Promise<void>;
};

export function sqlProbe(url: string): StateProbe {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  return {
    async fullStateCount() {
      const [r] = await sql`select count(*)::int as n from gateways where connection_state = 'connected'
        and agent_description is not null and effective_config_hash is not null and capabilities = ${CAPABILITIES}`;
      return r.n;
    },
    async sequenceMatches(lastSeq) {
      const rows = await sql`select instance_id, sequence_num::text as seq from gateways`;
      return rows.filter((r) => lastSeq.has(r.instance_id) && String(lastSeq.get(r.instance_id)) === r.seq).length;
    },
    async appliedCount() {
      const [r] = await sql`select count(*)::int as n from gateways where remote_config_status->>'status' = 'APPLIED'
        and coalesce(remote_config_status->>'last_remote_config_hash', '') <> ''`;
      return r.n;
    },
    async transactions() {
      // Backends report their counters at most once a second: give the last ones time to land.
      await new Promise((r) => setTimeout(r, 1500));
      const [r] =
        await sql`select (xact_commit + xact_rollback)::bigint::text as n from pg_stat_database where datname = current_database()`;
      return Number(r.n);
    },
    close: () => sql.end(),
  };
}

export function apiProbe(api: Api, total: number): StateProbe {
  type Agent = {
    instance_id: string;
    connection_state: string;
    agent_version: string | null;
    effective_config_hash: string | null;
    capabilities: { bits: number | null };
    sequence_num: string | null;
    remote_config_status: { status: string; last_remote_config_hash: string | null } | null;
  };
  const agents = async () => (await api.allAgents()) as unknown as Agent[];
  return {
    async fullStateCount() {
      const connected = await api.connectedCount(); // a cheap count first: list every agent only once all are connected
      if (connected < total) return connected;
      return (await agents()).filter(
        (a) =>
          a.connection_state === "connected" &&
          a.agent_version &&
          a.effective_config_hash &&
          a.capabilities.bits === CAPABILITIES,
      ).length;
    },
    async sequenceMatches(lastSeq) {
      return (await agents()).filter(
        (a) => lastSeq.has(a.instance_id) && String(lastSeq.get(a.instance_id)) === a.sequence_num,
      ).length;
    },
    async appliedCount() {
      return (await agents()).filter(
        (a) => a.remote_config_status?.status === "APPLIED" && a.remote_config_status.last_remote_config_hash,
      ).length;
    },
    transactions: async () => null,
    close: async () => {},
  };
}

/** Polls `count` until it reaches `target`; returns the time it was reached (ms since epoch) or null on timeout. */
export async function waitForCount(
  count: () => Promise<number>,
  target: number,
  timeoutMs: number,
  everyMs = 200,
): Promise<{ at: number | null; last: number }> {
  const deadline = Date.now() + timeoutMs;
  let last = 0;
  for (;;) {
    last = await count();
    if (last >= target) return { at: Date.now(), last };
    if (Date.now() > deadline) return { at: null, last };
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
