import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { SQL } from "drizzle-orm";
import { openDatabase, type Database, type Queryable } from "@/lib/db/client";
import { createScratchDatabase } from "./scratch-database";
import { copyPgliteTemplate, postgresTemplate } from "./db-templates";

/** The driver this test run targets: PostgreSQL when DATABASE_URL is set, else PGlite. */
export const usingPostgres = () => Boolean(process.env.DATABASE_URL);

/** Rows of a raw statement on either driver (postgres.js returns an array, PGlite an object holding `rows`). */
export async function queryRows<T>(db: Queryable, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

export type TestDatabaseTarget = { databaseUrl?: string; dataDir: string; drop(): Promise<void> };

/**
 * A fresh, empty database for one test file, so runs never see each other's rows: a new database on the
 * DATABASE_URL server, or a new PGlite folder. Nothing is opened yet (a server process may open it).
 */
export async function createTestDatabaseTarget(): Promise<TestDatabaseTarget> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "flowgate-test-"));
  const base = process.env.DATABASE_URL;
  if (!base) {
    copyPgliteTemplate(path.join(dataDir, "pg"));
    return { dataDir, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const db = await createScratchDatabase(base, "flowgate_test", await postgresTemplate(base));
  return {
    databaseUrl: db.url,
    dataDir,
    drop: async () => {
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh database opened in this process (migrations applied): for tests that call domain verbs directly. */
export async function openTestDatabase(): Promise<Database & { drop(): Promise<void> }> {
  const target = await createTestDatabaseTarget();
  const database = await openDatabase(
    target.databaseUrl ? { url: target.databaseUrl } : { pgliteDir: path.join(target.dataDir, "pg") },
  );
  return Object.assign(database, {
    drop: async () => {
      await database.close();
      await target.drop();
    },
  });
}
