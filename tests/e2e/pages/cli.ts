import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const port = process.env.E2E_PORT || "3210";

/** Runs the real `flowgate` CLI against the server Playwright started (its database settings come from e2e-server.mjs). */
export function runCli(args: string[]): string {
  const env = JSON.parse(fs.readFileSync(path.resolve(`.flowgate/e2e-${port}.json`), "utf8"));
  return execFileSync(process.execPath, ["bin/flowgate.mjs", ...args], {
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
}

/** An owner API key for the default org, for specs that prepare data through the REST API. */
export function adminApiKey(): { key: string; org_id: string } {
  return JSON.parse(
    runCli(["api-key", "create", "--org", "default", "--role", "owner", "--name", `e2e-${Date.now()}`, "--json"]),
  );
}
