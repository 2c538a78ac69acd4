import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";
import { LOG_STEPS, LOG_STEPS_V2 } from "./transforms-fixtures";

let server: TestServer;
let dir: string;
beforeAll(async () => {
  server = await startServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "flowgate-tf-cli-"));
});
afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

describe("flowgate transforms (CLI, through the running server)", () => {
  // Each call is a cold `node bin/flowgate.mjs` (tsx transpiles the CLI's imports): seconds apiece on a busy machine.
  it(
    "creates, saves, diffs, compiles, previews, lists and deletes with --json; refusals exit 1 with the message",
    { timeout: 300_000 },
    async () => {
      const json = async (args: string[]) => {
        const r = await server.cli(["transforms", ...args, "--json"]);
        expect(r.code, r.stderr).toBe(0);
        return JSON.parse(r.stdout);
      };
      const created = await json([
        "create",
        "drop-debug",
        "--signal",
        "logs",
        "--steps",
        file("v1.json", JSON.stringify(LOG_STEPS)),
      ]);
      expect(created).toMatchObject({
        name: "drop-debug",
        signal: "logs",
        latest_version: 1,
        version: { actor: "system:cli" },
      });
      const saved = await json([
        "save",
        "drop-debug",
        "--steps",
        file("v2.json", JSON.stringify({ steps: LOG_STEPS_V2 })),
        "--base-version",
        "1",
        "--message",
        "passwords",
      ]);
      expect(saved).toMatchObject({ version: 2, message: "passwords" });

      const stale = await server.cli([
        "transforms",
        "save",
        "drop-debug",
        "--steps",
        path.join(dir, "v1.json"),
        "--base-version",
        "1",
        "--json",
      ]);
      expect(stale.code).toBe(1);
      expect(JSON.parse(stale.stderr)).toEqual({ error: "Transform was changed by someone else (now at version 2)" });
      const badRegex = await server.cli([
        "transforms",
        "create",
        "bad",
        "--signal",
        "logs",
        "--steps",
        file("bad.json", '[{"kind":"parse_regex","pattern":"("}]'),
      ]);
      expect([badRegex.code, badRegex.stderr]).toEqual([
        1,
        expect.stringMatching(/^flowgate: Step 1 \(parse_regex\): pattern: invalid regex/),
      ]);

      expect((await json(["diff", "drop-debug", "--from", "1", "--to", "2"])).diff).toContain(
        "+- kind: delete_attributes",
      );
      const compiled = await json(["compile", "drop-debug"]);
      expect(compiled).toMatchObject({ version: 2, validation: { valid: true } });

      const preview = await json(["preview", "drop-debug", "--samples", file("app.log", "hello\nworld\n")]);
      expect(preview.totals).toMatchObject({ recordsIn: 2 });

      expect((await server.cli(["transforms", "list", "--signal", "logs"])).stdout.trim()).toBe("drop-debug  logs  v2");
      expect(await json(["delete", "drop-debug"])).toEqual({ id: created.id });
      const gone = await server.cli(["transforms", "get", "drop-debug"]);
      expect([gone.code, gone.stderr.trim()]).toEqual([1, 'flowgate: Transform "drop-debug" not found']);
    },
  );
});
