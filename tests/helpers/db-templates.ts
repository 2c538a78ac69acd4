import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { openDatabase } from "@/lib/db/client";

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * Test databases start as copies of one migrated, empty database. initdb and the migrations cost about 4 s of CPU in
 * WebAssembly per PGlite database (a folder copy: milliseconds) and about a second of PostgreSQL's per database
 * (CREATE DATABASE … TEMPLATE: a file copy), and the suite makes over a hundred. Templates are named by the
 * migrations and the PGlite version, so a change to either makes new ones.
 */
const key = (() => {
  let memo: string | undefined;
  return () => {
    if (memo) return memo;
    const h = createHash("sha256");
    const migrations = path.join(ROOT, "drizzle");
    for (const f of fs.readdirSync(migrations, { recursive: true }).map(String).sort()) {
      const p = path.join(migrations, f);
      if (fs.statSync(p).isFile()) h.update(f).update(fs.readFileSync(p));
    }
    const pglite = path.join(ROOT, "node_modules/@electric-sql/pglite/package.json");
    h.update(JSON.parse(fs.readFileSync(pglite, "utf8")).version);
    return (memo = h.digest("hex").slice(0, 16));
  };
})();

export const pgliteTemplateDir = () => path.join(os.tmpdir(), `flowgate-pglite-template-${key()}`);
export const postgresTemplateName = () => `flowgate_template_${key()}`;

/** Makes the template the run needs, once (vitest's global setup); what exists is complete, as it is renamed into place. */
export async function ensureTemplate(databaseUrl: string | undefined): Promise<void> {
  if (databaseUrl) return ensurePostgresTemplate(databaseUrl);
  const dir = pgliteTemplateDir();
  if (fs.existsSync(dir)) return;
  const building = fs.mkdtempSync(`${dir}-building-`);
  const db = await openDatabase({ pgliteDir: building });
  await db.close();
  try {
    fs.renameSync(building, dir);
  } catch (err) {
    // Another run finished first (the folder exists now): its template serves, and this one goes.
    fs.rmSync(building, { recursive: true, force: true });
    if (!fs.existsSync(dir)) throw err;
  }
}

async function ensurePostgresTemplate(databaseUrl: string): Promise<void> {
  const name = postgresTemplateName();
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [{ n }] = await admin`select count(*)::int as n from pg_database where datname = ${name}`;
    if (n) return;
    const building = `${name}_building_${randomBytes(4).toString("hex")}`;
    await admin.unsafe(`create database ${building}`);
    const url = new URL(databaseUrl);
    url.pathname = `/${building}`;
    const db = await openDatabase({ url: url.toString() });
    await db.close();
    // Another run may have finished first: then its template serves, and this one goes.
    await admin.unsafe(`alter database ${building} rename to ${name}`).catch(async () => {
      await admin.unsafe(`drop database if exists ${building} with (force)`);
    });
  } finally {
    await admin.end();
  }
}

/** Copies the PGlite template to `pgDir` if it exists; without it (a run without the global setup) PGlite starts empty. */
export function copyPgliteTemplate(pgDir: string): void {
  const dir = pgliteTemplateDir();
  if (fs.existsSync(dir)) fs.cpSync(dir, pgDir, { recursive: true });
}

let templateLookup: Promise<string | undefined> | undefined;

/** The PostgreSQL template to create test databases from, if the global setup made it (looked up once a process). */
export function postgresTemplate(databaseUrl: string): Promise<string | undefined> {
  return (templateLookup ??= lookUpTemplate(databaseUrl));
}

async function lookUpTemplate(databaseUrl: string): Promise<string | undefined> {
  const name = postgresTemplateName();
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [{ n }] = await sql`select count(*)::int as n from pg_database where datname = ${name}`;
    return n ? name : undefined;
  } finally {
    await sql.end();
  }
}
