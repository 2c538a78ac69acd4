import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "@/lib/db/client";

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * A migrated, empty PGlite data folder that test databases start as a copy of. initdb and the migrations cost about
 * 4 s of CPU in WebAssembly per database (a copy costs milliseconds), and the suite opens over a hundred. The folder is
 * named by the migrations and the PGlite version, so a change to either makes a new one.
 */
export function pgliteTemplateDir(): string {
  const h = createHash("sha256");
  const migrations = path.join(ROOT, "drizzle");
  for (const f of fs.readdirSync(migrations, { recursive: true }).map(String).sort()) {
    const p = path.join(migrations, f);
    if (fs.statSync(p).isFile()) h.update(f).update(fs.readFileSync(p));
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules/@electric-sql/pglite/package.json"), "utf8"));
  h.update(pkg.version);
  return path.join(os.tmpdir(), `flowgate-pglite-template-${h.digest("hex").slice(0, 16)}`);
}

/** Creates the template once (vitest's global setup); a folder that exists is complete, as it is renamed into place. */
export async function ensurePgliteTemplate(): Promise<void> {
  const dir = pgliteTemplateDir();
  if (fs.existsSync(dir)) return;
  const building = fs.mkdtempSync(`${dir}-building-`);
  const db = await openDatabase({ pgliteDir: building });
  await db.close();
  fs.renameSync(building, dir);
}

/** Copies the template to `pgDir` if it exists; without it (a run without the global setup) PGlite starts empty. */
export function copyPgliteTemplate(pgDir: string): void {
  const dir = pgliteTemplateDir();
  if (fs.existsSync(dir)) fs.cpSync(dir, pgDir, { recursive: true });
}
