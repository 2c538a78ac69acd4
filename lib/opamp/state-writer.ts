import { sql } from "drizzle-orm";
import { gateways } from "../db/schema";
import type { Db } from "../db/client";
import { rowCount, uuidList } from "../db/lists";
import { AgentCapability } from "./capabilities";
import { errorText, opampLog } from "./log";
import { DEFAULT_HEARTBEAT_SECONDS, HEARTBEAT_SETTING } from "./settings";
import { metrics } from "../metrics/registry";
import { stateUpdates, type StateRow } from "./state-updates";

export type Transport = "websocket" | "http";
/** Evidence that an agent is alive: any AgentToServer counts (spec: every message is a heartbeat). */
export type Touch = { gatewayId: string; at: number; seq: bigint | null; transport: Transport };
export type GatewayChanges = Partial<Omit<typeof gateways.$inferInsert, "id" | "orgId">>;

type NowWrite = { t: Touch; changes: GatewayChanges; resolve(): void; reject(err: unknown): void };

type DisconnectRow = { id: string; ts: number | null; seq: string | null };
type DisconnectBatch = { rows: Map<string, DisconnectRow>; done: Promise<void> };

const MAX_BIGINT = 2n ** 63n - 1n;
const seqValue = (seq: bigint | null) => (seq !== null && seq <= MAX_BIGINT ? seq : null);
const stateRow = (t: Touch, changes: GatewayChanges): StateRow => ({ ...t, seq: seqValue(t.seq), changes });

/**
 * Writes agent state to the gateways table. Liveness (last_seen, sequence_num, status active, connected,
 * transport) is coalesced per gateway and flushed for all agents in one statement every `flushMs`; reported
 * state (description, health, config status...) is written at once with the liveness of the same message, the
 * writes of many agents together (stateUpdates).
 */
export class StateWriter {
  private pending = new Map<string, Touch>();
  private nowQueue: NowWrite[] = [];
  private nowScheduled = false;
  private chain: Promise<unknown> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  /** The disconnect batch at the end of the chain, still open to more disconnects. */
  private openDisconnects: DisconnectBatch | null = null;

  constructor(
    private db: Db,
    private flushMs = 300,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.flushMs);
    this.timer.unref();
  }

  touch(t: Touch): void {
    this.pending.set(t.gatewayId, t);
  }

  /**
   * Reported state plus this message's liveness (any batched touch of the gateway is superseded). Resolves once
   * the write is committed. Writes that queue up while the previous write runs go together, as one UPDATE per set
   * of changed columns; if that fails, each write is retried on its own so one bad write only fails its own message.
   */
  writeNow(t: Touch, changes: GatewayChanges): Promise<void> {
    this.pending.delete(t.gatewayId);
    return new Promise<void>((resolve, reject) => {
      this.nowQueue.push({ t, changes, resolve, reject });
      this.scheduleNow();
    });
  }

  /** Chained at once, so a later disconnect of the same gateway is written after this state, never before. */
  private scheduleNow(): void {
    if (this.nowScheduled) return;
    this.nowScheduled = true;
    void this.serialize(() => this.writeQueued());
  }

  private async writeQueued(): Promise<void> {
    this.nowScheduled = false;
    // One write per gateway per round; a second write of the same gateway goes to the next round, in order.
    const batch: NowWrite[] = [];
    const rest: NowWrite[] = [];
    const seen = new Set<string>();
    for (const w of this.nowQueue) {
      if (seen.has(w.t.gatewayId)) rest.push(w);
      else {
        seen.add(w.t.gatewayId);
        batch.push(w);
      }
    }
    this.nowQueue = rest;
    if (rest.length) this.scheduleNow();
    const started = performance.now();
    const m = metrics();
    m.stateBatchSize.observe(batch.length);
    try {
      const statements = stateUpdates(batch.map((w) => stateRow(w.t, w.changes)));
      if (statements.length === 1) await this.db.execute(statements[0]);
      else
        await this.db.transaction(async (tx) => {
          for (const q of statements) await tx.execute(q);
        });
      batch.forEach((w) => w.resolve());
      m.stateBatchSeconds.observe((performance.now() - started) / 1000);
    } catch {
      await Promise.all(
        batch.map((w) =>
          this.db.execute(stateUpdates([stateRow(w.t, w.changes)])[0]).then(() => w.resolve(), w.reject),
        ),
      );
    }
  }

  /**
   * The agent said goodbye or its connection dropped: disconnected and inactive at once, only if no newer sign of
   * life was recorded (e.g. by another server the agent reconnected to). Disconnects asked for one after another
   * (a replica restart drops thousands of sockets) go into one statement: they join the batch at the end of the
   * chain until anything else is chained behind it, so each gateway's writes keep their order.
   */
  disconnect(gatewayId: string, lastMessage: Touch | null): Promise<void> {
    const pending = this.pending.get(gatewayId);
    this.pending.delete(gatewayId);
    const last = pending ?? lastMessage;
    let batch = this.openDisconnects;
    if (!batch) {
      const opened: DisconnectBatch = { rows: new Map(), done: Promise.resolve() };
      opened.done = this.enqueue(() => {
        if (this.openDisconnects === opened) this.openDisconnects = null;
        return this.writeDisconnects([...opened.rows.values()]);
      });
      this.openDisconnects = batch = opened;
    }
    batch.rows.set(gatewayId, {
      id: gatewayId,
      ts: last?.at ?? null,
      seq: seqValue(last?.seq ?? null)?.toString() ?? null,
    });
    return batch.done;
  }

  /** One statement for a batch of disconnects; only a real transition (was connected) goes into the history. */
  private writeDisconnects(rows: DisconnectRow[]): Promise<unknown> {
    // The statement's own subquery still sees each row as it was before the update.
    return this.db.execute(sql`
      with v as (select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, ts bigint, seq bigint) ${rowCount(rows)})
      , d as (
        update gateways g set connection_state = 'disconnected', active_since = null,
          status = case when g.status in ('active', 'error') then 'inactive'::gateway_status else g.status end,
          last_seen = case when v.ts is null then g.last_seen else greatest(g.last_seen, to_timestamp(v.ts / 1000.0)) end,
          sequence_num = coalesce(v.seq, g.sequence_num)
        from v
        where g.id = v.id and (g.last_seen is null or g.last_seen <= coalesce(to_timestamp(v.ts / 1000.0), now()))
        returning g.id, g.org_id, (select p.connection_state = 'connected' from gateways p where p.id = g.id) as was_connected)
      insert into gateway_events (gateway_id, org_id, kind, details)
      select id, org_id, 'disconnected', '{}'::jsonb from d where was_connected`);
  }

  /** Server shutdown: every agent this process held is disconnected, in one statement after a last flush. */
  async disconnectAll(gatewayIds: string[]): Promise<void> {
    await this.flush();
    if (gatewayIds.length === 0) return;
    await this.serialize(() =>
      this.db.execute(sql`
      with d as (
        update gateways set connection_state = 'disconnected', active_since = null,
          status = case when status in ('active', 'error') then 'inactive'::gateway_status else status end
        where id in ${uuidList(gatewayIds)} and connection_state = 'connected'
        returning id, org_id)
      insert into gateway_events (gateway_id, org_id, kind, details)
      select id, org_id, 'disconnected', '{"reason":"server_shutdown"}'::jsonb from d`),
    );
  }

  /** Writes every pending touch in one statement. */
  flush(): Promise<void> {
    if (this.pending.size === 0) return this.chain.then(() => undefined);
    const [statement] = stateUpdates([...this.pending.values()].map((t) => stateRow(t, {})));
    this.pending.clear();
    return this.serialize(() => this.db.execute(statement));
  }

  /**
   * Marks silent agents disconnected: those expected to send heartbeats (HTTP pollers, and WebSocket agents that
   * report heartbeats) and not heard from for 3 intervals. The interval is the org's setting, never less than
   * `minPollSeconds`, because clients such as @elastic/opamp-client-node keep their own 30 s regardless.
   */
  sweep(minPollSeconds: number): Promise<void> {
    return this.serialize(() =>
      this.db.execute(sql`
      with o as (
        select g.id, g.transport, coalesce((
          select case when s.value ~ '^"?[0-9]+"?$' then trim(both '"' from s.value)::int end
          from settings s where s.org_id = g.org_id and s.key = ${HEARTBEAT_SETTING}), ${DEFAULT_HEARTBEAT_SECONDS}) as hb
        from gateways g
        where g.connection_state = 'connected' and (g.transport = 'http' or (g.capabilities & ${sql.raw(String(AgentCapability.ReportsHeartbeat))}) <> 0)
      )
      , d as (
        update gateways g set connection_state = 'disconnected', active_since = null,
          status = case when g.status in ('active', 'error') then 'inactive'::gateway_status else g.status end
        from o
        where g.id = o.id and (o.transport = 'http' or o.hb > 0)
          and g.last_seen < now() - make_interval(secs => 3 * greatest(o.hb, ${minPollSeconds}))
        returning g.id, g.org_id)
      insert into gateway_events (gateway_id, org_id, kind, details)
      select id, org_id, 'disconnected', '{"reason":"silent"}'::jsonb from d`),
    );
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** Runs writes one after another; a failure is logged (the next message of the agent writes again), never thrown. */
  private serialize(work: () => Promise<unknown>): Promise<void> {
    this.openDisconnects = null; // what comes after this write must not join a batch before it
    return this.enqueue(work);
  }

  private enqueue(work: () => Promise<unknown>): Promise<void> {
    const next = this.chain.then(work).catch((err) => opampLog.error(`state write failed: ${errorText(err)}`));
    this.chain = next;
    return next.then(() => undefined);
  }
}
