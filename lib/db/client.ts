import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { closeProcessSingleton, processSingleton } from "../singleton";
import { databaseUrl, dataDir } from "../config";
import * as schema from "./schema";
import { env } from "../env";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything queries can run on: the database or an open transaction. */
export type Queryable = Db | Tx;

export type Database = {
  db: Db;
  /** Random id of this client, so tests can prove server.ts and the Next bundles share one. */
  instanceId: string;
  driver: "postgres" | "pglite";
  /** Subscribes to a PostgreSQL NOTIFY channel; returns the unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

const CONNECT_TIMEOUT_SECONDS = 3;
/** While the database is down, how often at most the gate checks whether it is back (calls wait for the check). */
const CHECK_RETRY_MS = 500;
/** Code of the error calls get while the gate knows the database is down: SQLSTATE connection_failure. */
const DATABASE_DOWN = "08006";

// postgres.js and Node socket codes, and SQLSTATE classes 08 (connection exception), 53300 (too many connections)
// and 57P01-57P03 (the server shutting down or starting).
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "53300",
  "57P01",
  "57P02",
  "57P03",
]);

/** Whether an error (or one it wraps) says the database cannot be reached now, rather than that a query was bad. */
export function isDatabaseUnavailable(err: unknown): boolean {
  let e: unknown = err;
  for (let i = 0; i < 5 && e; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || code.startsWith("08"))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

const migrationsFolder = () => path.resolve(/*turbopackIgnore: true*/ env("FLOWGATE_MIGRATIONS_DIR"));

// Both drivers' drizzle instances answer the same queries; the app sees them as one Db type.
function asDatabase(driver: Database["driver"], db: unknown, io: Pick<Database, "listen" | "close">): Database {
  return { db: db as Db, instanceId: randomUUID(), driver, ...io };
}

async function openPostgres(url: string): Promise<Database> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const { DatabaseGate } = await import("./gate");
  const log = (await import("../log/logger")).logger("db");
  // A short connect timeout (postgres.js waits 30 s by default), so calls during an outage answer 503 quickly.
  // No catalog query at each connection's start (fetch_types, for array types FlowGate does not use): postgres.js
  // drops that query's promise, so a connection cut while it runs (a database restart) was an unhandled rejection,
  // which ends the process (porsager/postgres#1192, #1223; tests/integration/db-startup-cut.test.ts).
  const options = { connect_timeout: CONNECT_TIMEOUT_SECONDS, onnotice: () => {}, fetch_types: false };
  let first: ReturnType<typeof postgres> | undefined;
  const gate = new DatabaseGate({
    makeClient() {
      const client = postgres(url, { ...options, max: env("FLOWGATE_DB_POOL") });
      // Type parsers drizzle installed on the first client (it only sees that one).
      if (first) {
        Object.assign(client.options.parsers, first.options.parsers);
        Object.assign(client.options.serializers, first.options.serializers);
      }
      first ??= client;
      return client;
    },
    isUnavailable: isDatabaseUnavailable,
    check: () => checkPostgres(postgres(url, { ...options, max: 1 })),
    unavailable: () => Object.assign(new Error("Database unavailable"), { code: DATABASE_DOWN }),
    retryMs: CHECK_RETRY_MS,
    beforeOpen: relisten,
    onChange(state, err) {
      if (state === "up") log.info("database reachable again");
      else log.warn({ err }, state === "down" ? "database unavailable" : "database connection error, checking");
    },
  });
  // LISTEN keeps a connection of its own, never replaced by the gate's pool swaps.
  let listener = postgres(url, { ...options, max: 1 });
  const subs = new Set<Subscription>();
  const db = drizzle(gate.client, { schema });
  await migrate(db, { migrationsFolder: migrationsFolder() });
  return asDatabase("postgres", db, {
    async listen(channel, onPayload) {
      const sub: Subscription = { channel, onPayload };
      subs.add(sub);
      await subscribe(sub, listener);
      return async () => {
        subs.delete(sub);
        await sub.stop?.();
      };
    },
    close: async () => void (await Promise.all([gate.end(), listener.end({ timeout: 5 })])),
  });

  /**
   * After an outage, LISTEN again on a fresh connection before the gate lets calls through: postgres.js re-listens
   * by itself, but only after its reconnect back-off (seconds by then), and a NOTIFY sent before that (a deployment
   * batch released just after the restart) would never reach this process.
   */
  async function relisten(): Promise<void> {
    const old = listener;
    listener = postgres(url, { ...options, max: 1 });
    await old.end({ timeout: 0 }).catch(() => {});
    await Promise.all([...subs].map((s) => subscribe(s, listener)));
  }
}

/** A LISTEN a caller holds; `stop` ends it on the client it currently runs on. */
type Subscription = { channel: string; onPayload: (payload: string) => void; stop?: () => Promise<void> };

async function subscribe(sub: Subscription, on: import("postgres").Sql): Promise<void> {
  const listening = await on.listen(sub.channel, sub.onPayload);
  sub.stop = () => listening.unlisten();
}

/** One `select 1` on a connection of its own, bounded even if the server accepts but never answers. */
async function checkPostgres(sql: import("postgres").Sql): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      sql`select 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("database check timed out")), CONNECT_TIMEOUT_SECONDS * 1000);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    void sql.end({ timeout: 0 }).catch(() => {});
  }
}

async function openPglite(dir: string): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  if (!dir.startsWith("memory://")) fs.mkdirSync(dir, { recursive: true });
  // PostgreSQL's default 128 MB of shared buffers fill the WASM heap, which never shrinks; FlowGate's working set
  // needs far less. The defaults are kept: a given startParams replaces them.
  const client = await PGlite.create(dir, {
    startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"],
  });
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: migrationsFolder() });
  return asDatabase("pglite", db, {
    listen: (channel, onPayload) => client.listen(channel, onPayload),
    close: () => client.close(),
  });
}

/** Opens a database (and applies migrations) without touching the process-wide one. Tests and the CLI use it. */
export function openDatabase(opts: { url?: string; pgliteDir?: string } = {}): Promise<Database> {
  const url = opts.url ?? databaseUrl();
  if (url) return openPostgres(url);
  return openPglite(opts.pgliteDir ?? path.join(dataDir(), "pg"));
}

/** The process-wide database: one client shared by server.ts and every Next bundle. */
export function getDatabase(): Promise<Database> {
  return processSingleton("database", () => openDatabase());
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

export function closeDatabase(): Promise<void> {
  return closeProcessSingleton<Database>("database", (d) => d.close());
}
