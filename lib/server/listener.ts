import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import type { Queryable } from "../db/client";
import { agentCaCertificates } from "../agent-ca/store";
import { logger } from "../log/logger";

export type Listener = {
  server: http.Server | https.Server;
  secure: boolean;
  /** Re-reads the trusted client CAs (an org's agent CA was created or deleted). */
  reloadTrust(): Promise<void>;
  stop(): void;
};

type TlsFiles = { cert?: string; key?: string; clientCa?: string };

const TRUST_RELOAD_MS = 30_000;
const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * The main port's server: plain HTTP, or HTTPS (and so wss://) when FLOWGATE_TLS_CERT/KEY are set. Over TLS,
 * client certificates are asked for but not required (rejectUnauthorized false): an agent's first connection
 * carries only its OpAMP token and a CSR; the certificate it then presents is checked per request
 * (lib/agent-ca/store.ts checkClientCertificate), against the CAs trusted here — every org's agent CA plus the
 * optional FLOWGATE_TLS_CLIENT_CA bundle — which are listed in the handshake so clients (opamp-go) pick the
 * certificate they got from us. Trust is re-read when a CA changes in this process, and every 30 s for changes
 * made on other replicas.
 */
export async function createListener(db: Queryable, files: TlsFiles): Promise<Listener> {
  if (!files.cert || !files.key) {
    return { server: http.createServer(), secure: false, reloadTrust: async () => {}, stop: () => {} };
  }
  const cert = fs.readFileSync(files.cert, "utf8");
  const key = fs.readFileSync(files.key, "utf8");
  const extra = files.clientCa ? (fs.readFileSync(files.clientCa, "utf8").match(PEM_CERT) ?? []) : [];
  // With nothing to trust yet, the server's own certificate stands in: no agent certificate chains to it, and an
  // empty list would make OpenSSL fall back to the system roots.
  const trusted = async () => {
    const all = [...extra, ...(await agentCaCertificates(db))];
    return all.length > 0 ? all : [cert];
  };
  let current = (await trusted()).join("\n");
  const server = https.createServer({ cert, key, ca: current, requestCert: true, rejectUnauthorized: false });
  const log = logger("server");
  async function reloadTrust() {
    const next = (await trusted()).join("\n");
    if (next === current) return;
    current = next;
    server.setSecureContext({ cert, key, ca: next });
    log.info("TLS client CAs reloaded");
  }
  const onChange = () => void reloadTrust().catch((e) => log.warn({ err: String(e) }, "TLS client CA reload failed"));
  process.on("flowgate:agent-ca-changed" as never, onChange);
  const timer = setInterval(onChange, TRUST_RELOAD_MS);
  timer.unref();
  return {
    server,
    secure: true,
    reloadTrust,
    stop() {
      clearInterval(timer);
      process.off("flowgate:agent-ca-changed" as never, onChange);
    },
  };
}
