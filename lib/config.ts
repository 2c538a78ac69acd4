import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "./env";

/** Where the embedded database, generated secrets and the CLI socket live. */
export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ env("FLOWGATE_DATA_DIR"));
}

export function databaseUrl(): string | undefined {
  return env("DATABASE_URL");
}

export function port(): number {
  return env("PORT");
}

/** The URL people and gateways use to reach this server; OpAMP endpoints handed to gateways derive from it. */
export function publicUrl(): string {
  const fromEnv = env("FLOWGATE_PUBLIC_URL") || env("AUTH_URL");
  const scheme = env("FLOWGATE_TLS_CERT") ? "https" : "http"; // FlowGate's own TLS listener serves the main port
  return (fromEnv || `${scheme}://localhost:${env("FLOWGATE_LISTEN_PORT") ?? port()}`).replace(/\/+$/, "");
}

type Secrets = { authSecret: string; opampJwtSecret: string };

/**
 * Secrets come from the environment. When absent (the embedded quick start), they are generated once and kept
 * in the data folder with owner-only permissions so sessions and OpAMP tokens survive restarts.
 */
export function loadSecrets(): Secrets {
  const file = path.join(dataDir(), "secrets.json");
  let stored: Partial<Secrets> = {};
  if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, "utf8"));
  const secrets: Secrets = {
    authSecret: env("AUTH_SECRET") || stored.authSecret || randomBytes(32).toString("base64url"),
    opampJwtSecret: env("FLOWGATE_JWT_SECRET") || stored.opampJwtSecret || randomBytes(32).toString("base64url"),
  };
  const toStore = {
    authSecret: env("AUTH_SECRET") ? stored.authSecret : secrets.authSecret,
    opampJwtSecret: env("FLOWGATE_JWT_SECRET") ? stored.opampJwtSecret : secrets.opampJwtSecret,
  };
  if (toStore.authSecret !== stored.authSecret || toStore.opampJwtSecret !== stored.opampJwtSecret) {
    fs.mkdirSync(dataDir(), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(toStore), { mode: 0o600 });
  }
  return secrets;
}

/** Called once by server.ts before Next starts, so every module instance in the process sees the same secrets. */
export function exportSecretsToEnv(): void {
  const s = loadSecrets();
  process.env.AUTH_SECRET = s.authSecret;
  process.env.FLOWGATE_JWT_SECRET = s.opampJwtSecret;
}

let encodedSecret: { text: string; bytes: Uint8Array } | undefined;

export function opampJwtSecret(): Uint8Array {
  const s = env("FLOWGATE_JWT_SECRET") || loadSecrets().opampJwtSecret;
  // Every agent's upgrade verifies with it: encoded again only when the secret changed.
  if (encodedSecret?.text !== s) encodedSecret = { text: s, bytes: new TextEncoder().encode(s) };
  return encodedSecret.bytes;
}
