import { randomBytes } from "node:crypto";
import postgres from "postgres";

/**
 * A new database on the server of `baseUrl` (used by the tests and the benchmark), empty or a copy of `template`,
 * and how to drop it.
 */
export async function createScratchDatabase(
  baseUrl: string,
  prefix: string,
  template?: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now()}_${randomBytes(4).toString("hex")}`;
  await withAdmin(baseUrl, (sql) => sql.unsafe(`create database ${name}${template ? ` template ${template}` : ""}`));
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdmin(baseUrl, (sql) => sql.unsafe(`drop database if exists ${name} with (force)`)),
  };
}

async function withAdmin(baseUrl: string, run: (sql: postgres.Sql) => Promise<unknown>): Promise<void> {
  const sql = postgres(baseUrl, { max: 1, onnotice: () => {} });
  try {
    await run(sql);
  } finally {
    await sql.end();
  }
}
