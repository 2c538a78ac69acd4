import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/lib/db/client";
import { usingPostgres } from "../helpers/db";

const journal = JSON.parse(fs.readFileSync("drizzle/meta/_journal.json", "utf8")) as { entries: unknown[] };

describe.skipIf(usingPostgres())("the embedded PGlite database", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flowgate-pglite-open-"));
  let database: Database | undefined;
  afterAll(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("opens a folder that does not exist yet, migrated, with small shared buffers", async () => {
    database = await openDatabase({ pgliteDir: path.join(dir, "new", "pg") });
    const { rows } = (await database.db.execute(sql`show shared_buffers`)) as unknown as {
      rows: { shared_buffers: string }[];
    };
    expect(rows[0].shared_buffers).toBe("16MB");
    const migrated = (await database.db.execute(
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    )) as unknown as {
      rows: { n: number }[];
    };
    expect(migrated.rows[0].n).toBe(journal.entries.length);
  });
});
