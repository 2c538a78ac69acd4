import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabaseTarget, type TestDatabaseTarget } from "../helpers/db";
import { startServer } from "../helpers/server";

let target: TestDatabaseTarget;
beforeAll(async () => {
  target = await createTestDatabaseTarget();
});
afterAll(async () => {
  await target?.drop();
});

describe("flowgate CLI with no server running", () => {
  it("opens the database itself, and a server started later sees what it wrote", { timeout: 120_000 }, async () => {
    const server = await startServer({ target });
    const made = await server.cli(["org", "create", "made-online", "--json"]);
    expect(made.code).toBe(0);
    await server.stop();

    // The same env, but now the CLI must open the PGlite folder (or PostgreSQL) directly.
    const offline = await server.cli(["org", "create", "made-offline", "--json"]);
    expect(offline.code, offline.stderr).toBe(0);
    const migrate = await server.cli(["migrate", "--json"]);
    expect(JSON.parse(migrate.stdout)).toMatchObject({ migrated: true });

    const again = await startServer({ target });
    try {
      const list = await again.cli(["org", "list", "--json"]);
      const names = JSON.parse(list.stdout).map((o: { name: string }) => o.name);
      expect(names).toEqual(expect.arrayContaining(["default", "made-online", "made-offline"]));
    } finally {
      await again.stop();
    }
  });
});
