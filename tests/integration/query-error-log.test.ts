import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "@/lib/log/logger";
import { hashApiKey } from "@/lib/api-keys/create";
import { openTestDatabase } from "../helpers/db";

// A failed query is logged with its class, SQLSTATE and statement only: never its parameters (API-key and token
// digests), the data PostgreSQL quotes back in `detail`/`where`, or raw NUL characters.
let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  database = await openTestDatabase();
}, 300_000); // PGlite's initdb takes minutes on a loaded 2-core machine
afterAll(async () => {
  await database?.drop();
});

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error("the query did not fail");
}

function logged(err: unknown): { line: string; json: { err: Record<string, unknown> } } {
  const lines: string[] = [];
  createLogger("info", { write: (s: string) => void lines.push(s) }).error({ err }, "unhandled error");
  return { line: lines.join(""), json: JSON.parse(lines[0]) };
}

describe("failed queries in the log", () => {
  const key = "fgk_0123456789abcdef0123456789abcdef";
  const digest = hashApiKey(key);

  it("keeps the SQLSTATE and statement of a jsonb failure, not the data PostgreSQL quotes back", async () => {
    const json = JSON.stringify({ digest, prefix: key.slice(0, 10), nul: "\u0000" });
    const err = await failure(() => database.db.execute(sql`select ${json}::jsonb as doc`));
    const { line, json: entry } = logged(err);
    expect(entry.err).toMatchObject({
      message: expect.stringMatching(/^Failed query: select \$1::jsonb as doc/),
      cause: { code: "22P05" },
    });
    for (const secret of [digest, key.slice(0, 10), "\u0000", "\\u0000"]) expect(line).not.toContain(secret);
  });

  it("keeps no parameter of a text failure, nor the NUL", async () => {
    const err = await failure(() =>
      database.db.execute(sql`select ${digest} as digest, ${`${key.slice(0, 10)}\u0000`}::int as n`),
    );
    const { line, json: entry } = logged(err);
    expect(entry.err.cause).toMatchObject({ code: expect.stringMatching(/^[0-9A-Z]{5}$/) });
    for (const secret of [digest, key.slice(0, 10), "\u0000", "\\u0000"]) expect(line).not.toContain(secret);
  });
});
