import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inArray, sql, type SQL } from "drizzle-orm";
import { openTestDatabase, queryRows } from "../helpers/db";
import { makeOrg } from "../helpers/ctx";
import { gatewayEvents, gateways } from "@/lib/db/schema";
import type { Db } from "@/lib/db/client";
import { StateWriter, type GatewayChanges, type Touch } from "@/lib/opamp/state-writer";
import { INLINE_CONFIG_MAX, stateUpdates } from "@/lib/opamp/state-updates";
import { uuidv7Bytes } from "@/lib/opamp/uid";

let database: Awaited<ReturnType<typeof openTestDatabase>>;
let orgId: string;
let writer: StateWriter;

beforeAll(async () => {
  database = await openTestDatabase();
  orgId = (await makeOrg(database.db, "state-writer")).org.id;
  writer = new StateWriter(database.db);
});
afterAll(async () => {
  await writer?.stop();
  await database?.drop();
});

async function newGateways(n: number, prefix: string): Promise<string[]> {
  const rows = await database.db
    .insert(gateways)
    .values(Array.from({ length: n }, (_, i) => ({ orgId, instanceId: `${prefix}-${i}`, name: `${prefix}-${i}` })))
    .returning({ id: gateways.id });
  return rows.map((r) => r.id);
}

const gatewayRows = (ids: string[]) => database.db.select().from(gateways).where(inArray(gateways.id, ids));

const touch = (gatewayId: string, seq: bigint, at = Date.now()): Touch => ({
  gatewayId,
  at,
  seq,
  transport: "websocket",
});

/** What an agent's first message reports: every kind of column the state writer handles. */
const fullState = (i: number): GatewayChanges => ({
  opampInstanceUid: uuidv7Bytes(),
  capabilities: 0x3fff,
  agentDescription: {
    identifying_attributes: { "service.name": "otelcol-contrib", "service.instance.id": `i-${i}` },
    nested: [1, "two", null],
  },
  agentVersion: "0.136.0",
  os: "linux",
  hostname: `host-"${i}"\n'quoted'`,
  componentHealth: { healthy: true, status: "StatusOK" },
  effectiveConfig: `receivers: {otlp: {}} # ü ${i}`,
  effectiveConfigHash: `hash-${i}`,
  remoteConfigStatus: { status: "UNSET", last_remote_config_hash: "" },
  currentConfigVersion: null,
});

describe("StateWriter.writeNow", () => {
  it("stores a burst of full-state reports of many agents exactly, whatever their column types", async () => {
    const ids = await newGateways(300, "burst");
    const states = ids.map((_, i) => fullState(i));
    const at = Date.now() - 5_000;
    await Promise.all(ids.map((id, i) => writer.writeNow(touch(id, BigInt(i + 1), at), states[i])));
    const rows = await gatewayRows(ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    ids.forEach((id, i) => {
      const r = byId.get(id)!;
      const s = states[i];
      expect(Buffer.from(r.opampInstanceUid!).equals(s.opampInstanceUid as Buffer)).toBe(true);
      expect(r).toMatchObject({
        capabilities: 0x3fff,
        agentDescription: s.agentDescription,
        agentVersion: "0.136.0",
        os: "linux",
        hostname: s.hostname,
        componentHealth: s.componentHealth,
        effectiveConfig: s.effectiveConfig,
        effectiveConfigHash: `hash-${i}`,
        remoteConfigStatus: s.remoteConfigStatus,
        currentConfigVersion: null,
        sequenceNum: BigInt(i + 1),
        status: "active",
        connectionState: "connected",
        transport: "websocket",
      });
      expect(r.lastSeen!.getTime()).toBe(at);
      expect(r.activeSince!.getTime()).toBe(at);
    });
  });

  it("writes reports that change different columns as one statement per set of columns", async () => {
    const [a, b, c] = await newGateways(3, "mixed");
    const rows = [
      { gatewayId: a, at: 1, seq: 1n, transport: "websocket" as const, changes: { hostname: "h1", capabilities: 1 } },
      { gatewayId: b, at: 1, seq: 1n, transport: "http" as const, changes: { capabilities: 3, hostname: "h2" } },
      { gatewayId: c, at: 1, seq: null, transport: "http" as const, changes: { os: "windows" } },
    ];
    expect(stateUpdates(rows)).toHaveLength(2);
    await Promise.all([
      writer.writeNow(touch(a, 7n), { hostname: "h1", capabilities: 1 }),
      writer.writeNow({ ...touch(b, 8n), transport: "http" }, { capabilities: 3, hostname: "h2" }),
      writer.writeNow(touch(c, 9n), { os: "windows" }),
      writer.writeNow(touch(c, 10n), { os: "darwin", agentVersion: "2" }), // same gateway again: written after, wins
    ]);
    const got = new Map((await gatewayRows([a, b, c])).map((r) => [r.id, r]));
    expect(got.get(a)).toMatchObject({ hostname: "h1", capabilities: 1, sequenceNum: 7n, transport: "websocket" });
    expect(got.get(b)).toMatchObject({ hostname: "h2", capabilities: 3, sequenceNum: 8n, transport: "http" });
    expect(got.get(c)).toMatchObject({ os: "darwin", agentVersion: "2", sequenceNum: 10n });
  });

  it("writes an effective config over the inline limit in its own statement, exactly, beside a burst of small ones", async () => {
    const ids = await newGateways(3, "big-config");
    const line = `  filelog/ü-"q"\\'x': {include: [/var/log/*.log]}\n`;
    const big = `receivers:\n${line.repeat(Math.ceil((INLINE_CONFIG_MAX + 1) / line.length))}`;
    const states = ids.map((_, i) => ({ ...fullState(i), ...(i === 1 ? { effectiveConfig: big } : {}) }));
    const rows = ids.map((id, i) => ({ ...touch(id, 1n), changes: states[i] }));
    expect(stateUpdates(rows)).toHaveLength(2); // the two small reports share one statement; the big one has its own
    await Promise.all(ids.map((id, i) => writer.writeNow(touch(id, BigInt(i + 3)), states[i])));
    const got = new Map((await gatewayRows(ids)).map((r) => [r.id, r]));
    ids.forEach((id, i) =>
      expect(got.get(id)).toMatchObject({
        effectiveConfig: states[i].effectiveConfig,
        effectiveConfigHash: `hash-${i}`,
        hostname: states[i].hostname,
        sequenceNum: BigInt(i + 3),
        connectionState: "connected",
      }),
    );
  });

  it("fails only the write the database refuses; the agents in the same burst are stored", async () => {
    const ids = await newGateways(20, "isolation");
    const results = await Promise.allSettled(
      ids.map((id, i) => writer.writeNow(touch(id, 1n), { hostname: i === 5 ? "bad\u0000byte" : `ok-${i}` })),
    );
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
    expect(results[5].status).toBe("rejected");
    const rows = await gatewayRows(ids);
    for (const r of rows) {
      const i = ids.indexOf(r.id);
      if (i === 5) expect(r).toMatchObject({ hostname: null, connectionState: "disconnected" });
      else expect(r).toMatchObject({ hostname: `ok-${i}`, connectionState: "connected" });
    }
  });

  it("writes a disconnect asked for after a report after that report", async () => {
    const [id] = await newGateways(1, "order");
    const t = touch(id, 3n);
    const written = writer.writeNow(t, { hostname: "before-goodbye" });
    const gone = writer.disconnect(id, t);
    await Promise.all([written, gone]);
    const [row] = await gatewayRows([id]);
    expect(row).toMatchObject({
      hostname: "before-goodbye",
      connectionState: "disconnected",
      status: "inactive",
      sequenceNum: 3n,
    });
  });
});

describe("StateWriter.touch + flush", () => {
  it("writes liveness in place: no index covers the columns it changes, and pages keep room for new row versions", async () => {
    // A heartbeat then updates the row on its own page (HOT) without an index entry per agent per flush.
    const indexed = await query<{ name: string }>(sql`
      select a.attname as name from pg_index i
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
      where i.indrelid = 'gateways'::regclass`);
    const liveness = ["last_seen", "sequence_num", "status", "connection_state", "transport", "active_since"];
    expect(indexed.map((r) => r.name).filter((n) => liveness.includes(n))).toEqual([]);
    const [table] = await query<{ options: string[] | null }>(
      sql`select reloptions as options from pg_class where oid = 'gateways'::regclass`,
    );
    expect(table.options).toContain("fillfactor=70");
  });

  it("stores the liveness of many agents in one batched write, without moving updated_at", async () => {
    const ids = await newGateways(50, "touch");
    const before = new Map((await gatewayRows(ids)).map((r) => [r.id, r.updatedAt.getTime()]));
    const at = Date.now() - 2_000;
    ids.forEach((id, i) =>
      writer.touch({ gatewayId: id, at, seq: BigInt(100 + i), transport: i % 2 ? "http" : "websocket" }),
    );
    writer.touch({ gatewayId: ids[0], at: at + 1_000, seq: 7n, transport: "websocket" }); // the newest touch of a gateway wins
    await writer.flush();
    const rows = await gatewayRows(ids);
    for (const r of rows) {
      const i = ids.indexOf(r.id);
      expect(r).toMatchObject({
        status: "active",
        connectionState: "connected",
        transport: i % 2 ? "http" : "websocket",
        sequenceNum: i === 0 ? 7n : BigInt(100 + i),
      });
      expect(r.lastSeen!.getTime()).toBe(i === 0 ? at + 1_000 : at);
      expect(r.updatedAt.getTime()).toBe(before.get(r.id));
    }
  });
});

const query = <T>(statement: SQL) => queryRows<T>(database.db, statement);

/** The writer's db, counting the statements it runs. */
function countingDb(db: Db) {
  let statements = 0;
  const counted = new Proxy(db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== "function") return value;
      if (prop !== "execute" && prop !== "transaction") return value.bind(target);
      return (...args: unknown[]) => {
        statements++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { db: counted, statements: () => statements };
}

async function connected(ids: string[], at: number): Promise<void> {
  await Promise.all(ids.map((id) => writer.writeNow(touch(id, 1n, at), {})));
}

const disconnectEvents = async (ids: string[]) =>
  (await database.db.select().from(gatewayEvents).where(inArray(gatewayEvents.gatewayId, ids))).filter(
    (e) => e.kind === "disconnected",
  );

describe("StateWriter.disconnect", () => {
  it("writes the disconnects of many agents dropped at once in one statement, each with its own last message", async () => {
    const ids = await newGateways(200, "drop");
    const at = Date.now() - 10_000;
    await connected(ids.slice(0, 199), at); // the last one never connected: no history row for it
    const counting = countingDb(database.db);
    const own = new StateWriter(counting.db);
    await Promise.all(ids.map((id, i) => own.disconnect(id, touch(id, BigInt(1000 + i), at + i))));
    expect(counting.statements()).toBe(1);
    const rows = await gatewayRows(ids);
    for (const r of rows) {
      const i = ids.indexOf(r.id);
      expect(r).toMatchObject({
        connectionState: "disconnected",
        status: i === 199 ? "registered" : "inactive",
        activeSince: null,
        sequenceNum: BigInt(1000 + i),
      });
      expect(r.lastSeen!.getTime()).toBe(at + i);
    }
    const events = await disconnectEvents(ids);
    expect(events).toHaveLength(199);
    expect(events.every((e) => e.orgId === orgId)).toBe(true);
  });

  it("leaves an agent alone that was seen after the message the disconnect is about", async () => {
    const [stale, gone] = await newGateways(2, "newer");
    const now = Date.now();
    await connected([stale, gone], now);
    await Promise.all([writer.disconnect(stale, touch(stale, 5n, now - 60_000)), writer.disconnect(gone, null)]);
    const got = new Map((await gatewayRows([stale, gone])).map((r) => [r.id, r]));
    expect(got.get(stale)).toMatchObject({ connectionState: "connected", status: "active", sequenceNum: 1n });
    expect(got.get(gone)).toMatchObject({ connectionState: "disconnected", status: "inactive", sequenceNum: 1n });
    expect(got.get(gone)!.lastSeen!.getTime()).toBe(now);
    expect((await disconnectEvents([stale, gone])).map((e) => e.gatewayId)).toEqual([gone]);
  });

  it("keeps a gateway's order: a disconnect asked for after a report never joins a batch from before it", async () => {
    const [id] = await newGateways(1, "batch-order");
    const t1 = touch(id, 1n, Date.now() - 3_000);
    const t2 = touch(id, 2n, Date.now() - 2_000);
    await connected([id], t1.at - 1_000);
    const writes = [
      writer.disconnect(id, t1),
      writer.writeNow(t2, { hostname: "back" }),
      writer.disconnect(id, t2), // must run after the report, not in the first batch before it
    ];
    await Promise.all(writes);
    const [row] = await gatewayRows([id]);
    expect(row).toMatchObject({
      hostname: "back",
      connectionState: "disconnected",
      status: "inactive",
      sequenceNum: 2n,
    });
    expect(await disconnectEvents([id])).toHaveLength(2);
  });
});
