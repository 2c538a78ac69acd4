import { execFileSync } from "node:child_process";
import { createPrivateKey, X509Certificate } from "node:crypto";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";
import { Caps, encodeAgentToServer, kv, newUid, TestAgent, upgradeRefusal } from "../helpers/opamp-ws-client";
import { waitFor } from "./opamp-fixtures";

/**
 * mTLS the OpAMP way (issue 14) over FlowGate's own TLS listener: a spec-level agent connects over wss:// trusting a
 * self-signed server certificate, sends a PEM CSR made by openssl [§Agent-initiated CSR Flow], gets a client
 * certificate in connection_settings.opamp.certificate, reconnects presenting it, gets it renewed
 * [§Server-initiated Certificate Generation], and is refused once its gateway's token is rotated or the gateway
 * deleted. Keys and CSRs come from openssl, not from the server's code.
 */
const ACCEPTS_CONNECTION_SETTINGS_REQUEST = 0x40n;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flowgate-mtls-"));
const file = (name: string) => path.join(dir, name);
const openssl = (...args: string[]) => execFileSync("openssl", args, { stdio: ["ignore", "pipe", "pipe"] });

/** A P-256 key and a CSR for it; the subject is whatever the agent likes (the server names the gateway itself). */
function agentKeyAndCsr(name: string): { key: string; csr: string } {
  openssl(
    "req",
    "-new",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:P-256",
    "-nodes",
    "-keyout",
    file(`${name}.key`),
    "-out",
    file(`${name}.csr`),
    "-subj",
    `/CN=${name}`,
  );
  return { key: fs.readFileSync(file(`${name}.key`), "utf8"), csr: fs.readFileSync(file(`${name}.csr`), "utf8") };
}

let server: TestServer;
/** How often the server logged `text` so far (its log line may arrive just after the refused client returns). */
const logged = (text: string) => server.logs().split(text).length - 1;
let serverCa: string;
let base: string;
let wsUrl: string;

async function api(method: string, urlPath: string, body?: unknown, token?: string) {
  const key = token ?? (await server.adminKey()).key;
  return new Promise<{ status: number; text: string; json: any }>((resolve, reject) => {
    const req = https.request(
      base + urlPath,
      {
        method,
        ca: serverCa,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
        },
      },
      (res) => {
        let text = "";
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text, json: text ? JSON.parse(text) : null }));
      },
    );
    req.on("error", reject);
    req.end(body !== undefined ? JSON.stringify(body) : undefined);
  });
}

async function registerGateway(instanceId: string): Promise<{ id: string; opamp_token: string }> {
  const rt = await api("POST", "/api/v1/registration-tokens", { name: `mtls-${instanceId}` });
  expect(rt.status).toBe(201);
  const gw = await api("POST", "/api/v1/gateways", { instance_id: instanceId, name: instanceId }, rt.json.token);
  expect([200, 201]).toContain(gw.status);
  return gw.json;
}

/** One OpAMP-over-HTTP POST [§Plain HTTP Transport] with a client certificate; resolves to the status. */
function httpPost(token: string, tls: { ca: string; cert?: string; key?: string }): Promise<number> {
  const body = encodeAgentToServer({ instance_uid: newUid(), sequence_num: 0, capabilities: Caps.ReportsStatus });
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${base}/v1/opamp`,
      {
        method: "POST",
        ...tls,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/x-protobuf" },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const caps = Caps.ReportsStatus | Caps.ReportsHeartbeat | Caps.AcceptsOpAMPConnectionSettings;
const hello = (name: string) => ({
  capabilities: caps,
  agent_description: { identifying_attributes: [kv("service.name", name)] },
});

/** Connects without a client certificate, sends a CSR, and returns what the server offered. */
async function enrol(gw: { opamp_token: string }, name: string) {
  const { key, csr } = agentKeyAndCsr(name);
  const agent = await TestAgent.connect(wsUrl, gw.opamp_token, { tls: { ca: serverCa } });
  const reply = await agent.request({
    ...hello(name),
    connection_settings_request: { opamp: { certificate_request: { csr: Buffer.from(csr) } } },
  });
  agent.ws.close();
  return { key, reply };
}

beforeAll(async () => {
  openssl(
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:P-256",
    "-nodes",
    "-days",
    "2",
    "-keyout",
    file("server.key"),
    "-out",
    file("server.crt"),
    "-subj",
    "/CN=localhost",
    "-addext",
    "subjectAltName=DNS:localhost,IP:127.0.0.1",
  );
  serverCa = fs.readFileSync(file("server.crt"), "utf8");
  server = await startServer({
    env: {
      FLOWGATE_TLS_CERT: file("server.crt"),
      FLOWGATE_TLS_KEY: file("server.key"),
      // Longer than the 7-day lifetime: every certificate an agent connects with is due, so renewal is observable.
      FLOWGATE_AGENT_CERT_RENEW_HOURS: "1000",
    },
  });
  base = `https://localhost:${server.port}`;
  wsUrl = `wss://localhost:${server.port}/v1/opamp`;
}, 90_000);
afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("FlowGate's TLS listener and the org agent CA", () => {
  it("serves HTTPS and wss:// on one port; without a CA a CSR is declined and AcceptsConnectionSettingsRequest not offered", async () => {
    expect((await api("GET", "/api/v1/settings/agent-ca")).json).toEqual({ enabled: false });
    const gw = await registerGateway("mtls-no-ca");
    const { reply } = await enrol(gw, "mtls-no-ca");
    expect(reply.error_response).toBeUndefined();
    expect(BigInt(reply.capabilities) & ACCEPTS_CONNECTION_SETTINGS_REQUEST).toBe(0n);
    expect(reply.connection_settings?.opamp?.destination_endpoint).toBe(wsUrl);
    expect(reply.connection_settings?.opamp?.certificate).toBeUndefined();
  });

  it("generates a CA whose key the API never returns; a second one is a conflict", async () => {
    const created = await api("POST", "/api/v1/settings/agent-ca", {});
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ enabled: true, source: "generated" });
    expect(new X509Certificate(created.json.cert_pem).ca).toBe(true);
    const read = await api("GET", "/api/v1/settings/agent-ca");
    expect(read.json).toEqual(created.json);
    expect(created.text + read.text).not.toMatch(/PRIVATE KEY|key_pem|sealed/i);
    expect((await api("POST", "/api/v1/settings/agent-ca", {})).status).toBe(409);
  });

  it("signs a CSR into a short-lived client certificate, accepts it, renews it, and refuses it after a token rotation", async () => {
    const ca = new X509Certificate((await api("GET", "/api/v1/settings/agent-ca")).json.cert_pem);
    const gw = await registerGateway("mtls-agent");
    const { key, reply } = await enrol(gw, "mtls-agent");
    expect(BigInt(reply.capabilities) & ACCEPTS_CONNECTION_SETTINGS_REQUEST).toBe(ACCEPTS_CONNECTION_SETTINGS_REQUEST);
    const offered = reply.connection_settings.opamp.certificate;
    expect(offered.private_key).toBeUndefined(); // the agent holds its key (CSR flow)
    expect(new X509Certificate(offered.ca_cert).raw.equals(ca.raw)).toBe(true);
    const cert = new X509Certificate(offered.cert);
    expect(cert.checkIssued(ca)).toBe(true);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.checkPrivateKey(createPrivateKey(key))).toBe(true);
    expect(cert.subject).toBe(`CN=${gw.id}`);
    expect(cert.subjectAltName).toBe(`URI:urn:flowgate:gateway:${gw.id}`);
    const lifetimeDays = (Date.parse(cert.validTo) - Date.now()) / 86_400_000;
    expect(lifetimeDays).toBeGreaterThan(6.9);
    expect(lifetimeDays).toBeLessThan(7.1);

    // Reconnect presenting it: accepted, and (due for renewal here) offered a new key and certificate.
    const tls = { ca: serverCa, cert: offered.cert.toString(), key };
    const withCert = await TestAgent.connect(wsUrl, gw.opamp_token, { tls });
    const renewedReply = await withCert.request(hello("mtls-agent"));
    const renewed = renewedReply.connection_settings.opamp.certificate;
    expect(renewed.private_key.toString()).toContain("PRIVATE KEY");
    const renewedCert = new X509Certificate(renewed.cert);
    expect(renewedCert.serialNumber).not.toBe(cert.serialNumber);
    expect(renewedCert.checkPrivateKey(createPrivateKey(renewed.private_key))).toBe(true);
    expect(renewedCert.checkIssued(ca)).toBe(true);
    withCert.ws.close();
    const renewedTls = { ca: serverCa, cert: renewed.cert.toString(), key: renewed.private_key.toString() };
    (await TestAgent.connect(wsUrl, gw.opamp_token, { tls: renewedTls })).ws.close();

    // Another gateway's token with this certificate: refused.
    const other = await registerGateway("mtls-other");
    expect((await upgradeRefusal(wsUrl, { authorization: `Bearer ${other.opamp_token}` }, tls)).status).toBe(401);
    await waitFor(async () => logged("issued to another gateway") > 0);

    // Token rotated: both certificates are revoked, even with the new token; without a certificate it still works.
    const rotated = await api("POST", `/api/v1/gateways/${gw.id}/rotate-token`);
    expect(rotated.status).toBe(200);
    const newToken = { authorization: `Bearer ${rotated.json.opamp_token}` };
    expect((await upgradeRefusal(wsUrl, newToken, tls)).status).toBe(401);
    expect((await upgradeRefusal(wsUrl, newToken, renewedTls)).status).toBe(401);
    await waitFor(async () => logged("Client certificate refused: revoked") >= 2);
    const again = await enrol(rotated.json, "mtls-agent-2");
    const fresh = {
      ca: serverCa,
      cert: again.reply.connection_settings.opamp.certificate.cert.toString(),
      key: again.key,
    };
    (await TestAgent.connect(wsUrl, rotated.json.opamp_token, { tls: fresh })).ws.close();
    // The HTTP transport checks the same way.
    expect(await httpPost(rotated.json.opamp_token, tls)).toBe(401);
    expect(await httpPost(rotated.json.opamp_token, fresh)).toBe(200);
  });

  it("refuses a deleted gateway's certificate as revoked", async () => {
    const gw = await registerGateway("mtls-deleted");
    const { key, reply } = await enrol(gw, "mtls-deleted");
    const tls = { ca: serverCa, cert: reply.connection_settings.opamp.certificate.cert.toString(), key };
    (await TestAgent.connect(wsUrl, gw.opamp_token, { tls })).ws.close();
    expect((await api("DELETE", `/api/v1/gateways/${gw.id}`)).status).toBe(204);
    const before = logged("Client certificate refused: revoked");
    expect((await upgradeRefusal(wsUrl, { authorization: `Bearer ${gw.opamp_token}` }, tls)).status).toBe(401);
    await waitFor(async () => logged("Client certificate refused: revoked") === before + 1);
  });

  it("refuses a certificate from a CA it does not trust, and imports a CA (PEM cert + key)", async () => {
    const gw = await registerGateway("mtls-foreign");
    openssl(
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-days",
      "2",
      "-keyout",
      file("foreign.key"),
      "-out",
      file("foreign.crt"),
      "-subj",
      `/CN=${gw.id}`,
    );
    const foreign = {
      ca: serverCa,
      cert: fs.readFileSync(file("foreign.crt"), "utf8"),
      key: fs.readFileSync(file("foreign.key"), "utf8"),
    };
    expect((await upgradeRefusal(wsUrl, { authorization: `Bearer ${gw.opamp_token}` }, foreign)).status).toBe(401);

    expect((await api("DELETE", "/api/v1/settings/agent-ca")).status).toBe(204);
    openssl(
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "30",
      "-keyout",
      file("import.key"),
      "-out",
      file("import.crt"),
      "-subj",
      "/CN=Imported agent CA",
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
    );
    const cert_pem = fs.readFileSync(file("import.crt"), "utf8");
    const key_pem = fs.readFileSync(file("import.key"), "utf8");
    expect(
      (await api("POST", "/api/v1/settings/agent-ca", { cert_pem, key_pem: agentKeyAndCsr("wrong").key })).status,
    ).toBe(400);
    const imported = await api("POST", "/api/v1/settings/agent-ca", { cert_pem, key_pem });
    expect(imported.status).toBe(201);
    expect(imported.json.source).toBe("imported");
    const { key, reply } = await enrol(gw, "mtls-imported");
    const cert = new X509Certificate(reply.connection_settings.opamp.certificate.cert);
    expect(cert.checkIssued(new X509Certificate(cert_pem))).toBe(true);
    // The listener trusts the imported CA from now on (reloaded when it was created).
    const tls = { ca: serverCa, cert: cert.toString(), key };
    (await TestAgent.connect(wsUrl, gw.opamp_token, { tls })).ws.close();
  });
});
