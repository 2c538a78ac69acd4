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
  // A short connect timeout (postgres.js waits 30 s by default), so calls during an outage answer 503 quickly.
  const client = postgres(url, {
    max: env("FLOWGATE_DB_POOL"),
    connect_timeout: CONNECT_TIMEOUT_SECONDS,
    onnotice: () => {},
  });
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: migrationsFolder() });
  return asDatabase("postgres", db, {
    async listen(channel, onPayload) {
      const sub = await client.listen(channel, onPayload);
      return () => sub.unlisten();
    },
    close: () => client.end({ timeout: 5 }),
  });
}

async function openPglite(dir: string): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  if (!dir.startsWith("memory://")) fs.mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir);
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
