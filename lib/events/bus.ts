import { sql } from "drizzle-orm";
import type { Queryable } from "../db/client";
import { getDatabase } from "../db/client";
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
  const events: AgentEvent[] =
    event.type === "config" && event.gatewayIds.length > MAX_IDS_PER_EVENT
      ? chunk(event.gatewayIds, MAX_IDS_PER_EVENT).map((ids) => ({ type: "config", gatewayIds: ids }))
      : [event];
  const payloads = JSON.stringify(events.map((e) => JSON.stringify(e)));
  await db.execute(
    sql`select pg_notify(${AGENT_CHANNEL}, p) from jsonb_array_elements_text(${payloads}::jsonb) with ordinality as e(p, n) order by n`,
  );
  metrics().notifyEvents.inc({ direction: "sent", type: event.type }, events.length);
}

export async function subscribeAgentEvents(onEvent: (event: AgentEvent) => void): Promise<() => Promise<void>> {
  const database = await getDatabase();
  return database.listen(AGENT_CHANNEL, (payload) => {
    try {
      const event = JSON.parse(payload) as AgentEvent;
      metrics().notifyEvents.inc({ direction: "received", type: event.type });
      onEvent(event);
    } catch (err) {
      logger("events").error({ err, channel: AGENT_CHANNEL }, "bad payload");
    }
  });
}

function chunk<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}
