import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { openDatabase } from "@/lib/db/client";
import { registrationTokens } from "@/lib/db/schema";
import { createTestDatabaseTarget, type TestDatabaseTarget } from "../helpers/db";
import { startServer } from "../helpers/server";

const ONBOARD = path.resolve(import.meta.dirname, "../../gateway/onboard.sh");
let target: TestDatabaseTarget;
afterAll(async () => {
  await target?.drop();
});

/**
 * The API cannot mint an expired token, so the token is aged in the database itself while no server holds it
 * (PGlite allows one process per folder), then a fresh server process serves the real onboard.sh.
 */
describe("onboard.sh with an expired registration token", () => {
  it("exits non-zero with a clear message and saves nothing", { timeout: 120_000 }, async () => {
    target = await createTestDatabaseTarget();
    const first = await startServer({ target });
    const { key, org_id } = await first.adminKey();
    const res = await fetch(`${first.url}/api/v1/registration-tokens?org_id=${org_id}`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "soon-expired", expires_in_days: 1 }),
    });
    expect(res.status).toBe(201);
    const { id, token } = await res.json();
    await first.stop();

    const database = await openDatabase(
      target.databaseUrl ? { url: target.databaseUrl } : { pgliteDir: path.join(target.dataDir, "pg") },
    );
    await database.db
      .update(registrationTokens)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(registrationTokens.id, id));
    await database.close();

    const server = await startServer({ target });
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-expired-"));
    try {
      const run = await promisify(execFile)("bash", [ONBOARD], {
        env: {
          NODE_ENV: "production",
          PATH: process.env.PATH ?? "/usr/bin:/bin",
          BACKEND_URL: server.url,
          INSTANCE_ID: "gw-expired-1",
          STATE_DIR: stateDir,
          REGISTRATION_TOKEN: token,
          ONBOARD_RETRIES: "0",
        },
      }).then(
        () => ({ code: 0, stderr: "", stdout: "" }),
        (err: { code: number; stderr: string; stdout: string }) => err,
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("Invalid or expired registration token");
      expect(run.stdout + run.stderr).not.toContain(token);
      expect(fs.readdirSync(stateDir)).toEqual([]);
      const list = await fetch(`${server.url}/api/v1/gateways?org_id=${org_id}&q=gw-expired-1`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect((await list.json()).total).toBe(0);
    } finally {
      await server.stop();
      fs.rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
