import { sql } from "drizzle-orm";
import { getDatabase, type Database, type Queryable } from "../db/client";
import { processSingleton } from "../singleton";
import { metrics } from "../metrics/registry";
import { logger } from "../log/logger";

/**
 * Cross-process signals to live agent connections, over PostgreSQL LISTEN/NOTIFY (PGlite supports it too), so
 * a change made by any route handler, server action, CLI or replica reaches the process holding the socket.
 * Payloads carry ids only; receivers read the current state from the database.
 */
export const AGENT_CHANNEL = "flowgate_agents";

export type AgentEvent =
  /** The desired config of these gateways may have changed: compare and push RemoteConfig. */
  | { type: "config"; gatewayIds: string[] }
  /** Send the Restart command. */
  | { type: "restart"; gatewayId: string }
  /** Token rotated/revoked or gateway deleted: close the live connection. */
  | { type: "disconnect"; gatewayId: string }
  /** Org settings changed (e.g. heartbeat interval): re-offer connection settings to the org's agents. */
  | { type: "settings"; orgId: string };

// NOTIFY payloads are limited to 8000 bytes; config events for many gateways are split.
const MAX_IDS_PER_EVENT = 150;

/**
 * Publishes an event. Inside a transaction, PostgreSQL delivers it only on commit, which is what we want:
 * receivers never see a change that was rolled back.
 */
export async function publishAgentEvent(db: Queryable, event: AgentEvent): Promise<void> {
  await publishAgentEvents(db, [event]);
}

/** Publishes many events in one statement (bulk actions: one restart or disconnect per gateway, 10,000 at most). */
export async function publishAgentEvents(db: Queryable, list: AgentEvent[]): Promise<void> {
  const events: AgentEvent[] = list.flatMap((event) =>
    event.type === "config" && event.gatewayIds.length > MAX_IDS_PER_EVENT
      ? chunk(event.gatewayIds, MAX_IDS_PER_EVENT).map((ids): AgentEvent => ({ type: "config", gatewayIds: ids }))
      : [event],
  );
  if (events.length === 0) return;
  const payloads = JSON.stringify(events.map((e) => JSON.stringify(e)));
  await db.execute(
    sql`select pg_notify(${AGENT_CHANNEL}, p) from jsonb_array_elements_text(${payloads}::jsonb) with ordinality as e(p, n) order by n`,
  );
  for (const e of events) metrics().notifyEvents.inc({ direction: "sent", type: e.type });
}

type Receiver = (event: AgentEvent) => void;
type Fanout = { receivers: Set<Receiver>; listening?: Promise<() => Promise<void>> };

// One LISTEN per database per process, fanned out to every receiver (the hub, the deployment engine): each payload
// is parsed and counted once.
const fanouts = () => processSingleton("events.fanout", () => new WeakMap<Database, Fanout>());

function dispatch(f: Fanout, payload: string): void {
  let event: AgentEvent;
  try {
    event = JSON.parse(payload) as AgentEvent;
  } catch (err) {
    logger("events").error({ err, channel: AGENT_CHANNEL }, "bad payload");
    return;
  }
  metrics().notifyEvents.inc({ direction: "received", type: event.type });
  for (const receive of f.receivers) {
    try {
      receive(event);
    } catch (err) {
      logger("events").error({ err, type: event.type }, "event receiver failed");
    }
  }
}

/** Calls `onEvent` for each agent event from any process; the returned function unsubscribes. */
export async function subscribeAgentEvents(onEvent: Receiver, database?: Database): Promise<() => Promise<void>> {
  const db = database ?? (await getDatabase());
  let f = fanouts().get(db);
  if (!f) fanouts().set(db, (f = { receivers: new Set() }));
  const fanout = f;
  fanout.receivers.add(onEvent);
  fanout.listening ??= db.listen(AGENT_CHANNEL, (payload) => dispatch(fanout, payload));
  try {
    await fanout.listening;
  } catch (err) {
    fanout.receivers.delete(onEvent);
    if (fanout.receivers.size === 0) fanout.listening = undefined;
    throw err;
  }
  return async () => {
    if (!fanout.receivers.delete(onEvent) || fanout.receivers.size > 0 || !fanout.listening) return;
    const listening = fanout.listening;
    fanout.listening = undefined;
    await (
      await listening
    )();
  };
}

function chunk<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}
