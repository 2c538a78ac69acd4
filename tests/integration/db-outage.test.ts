import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabaseTarget, usingPostgres, type TestDatabaseTarget } from "../helpers/db";
import { hashApiKey } from "@/lib/api-keys/create";
import { startServer, type TestServer } from "../helpers/server";
import { Caps, kv, TestAgent } from "../helpers/opamp-ws-client";
import { opampFixture } from "./opamp-fixtures";

/**
 * A TCP relay between the server and PostgreSQL that can fail the way an outage does: "hang" cuts every open
 * connection and accepts new ones without ever answering; "refuse" stops listening; "up" relays again.
 */
class PgRelay {
  private server = net.createServer((client) => this.accept(client));
  private sockets = new Set<net.Socket>();
  private mode: "up" | "hang" = "up";
  port = 0;

  constructor(private target: { host: string; port: number }) {}

  private accept(client: net.Socket) {
    this.sockets.add(client);
    client.on("close", () => this.sockets.delete(client));
    client.on("error", () => {});
    if (this.mode === "hang") return;
    const upstream = net.connect(this.target);
    this.sockets.add(upstream);
    upstream.on("close", () => this.sockets.delete(upstream));
    upstream.on("error", () => client.destroy());
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.pipe(upstream).pipe(client);
  }

  listen(): Promise<void> {
    return new Promise((resolve) => this.server.listen(this.port, "127.0.0.1", () => resolve()));
  }

  async start() {
    await this.listen();
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  private cutAll() {
    for (const s of this.sockets) s.destroy();
  }

  hang() {
    this.mode = "hang";
    this.cutAll();
  }

  refuse(): Promise<void> {
    this.cutAll();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  async up() {
    this.mode = "up";
    if (!this.server.listening) {
      this.server = net.createServer((client) => this.accept(client));
      await this.listen();
    }
  }

  close() {
    this.cutAll();
    this.server.close();
  }
}

// PostgreSQL only: PGlite runs inside the server process, so there is no connection to lose.
describe.skipIf(!usingPostgres())("REST during a PostgreSQL outage", () => {
  let target: TestDatabaseTarget;
  let relay: PgRelay;
  let server: TestServer;
  let key: string;

  beforeAll(async () => {
    target = await createTestDatabaseTarget();
    const real = new URL(target.databaseUrl!);
    relay = new PgRelay({ host: real.hostname, port: Number(real.port || 5432) });
    await relay.start();
    const viaRelay = new URL(real);
    viaRelay.port = String(relay.port);
    viaRelay.hostname = "127.0.0.1";
    key = "";
    server = await startServer({ target: { ...target, databaseUrl: viaRelay.toString() } });
    key = (await server.adminKey()).key;
  });
  afterAll(async () => {
    await server?.stop();
    relay?.close();
    await target?.drop();
  });

  const listGateways = async () => {
    const started = Date.now();
    const res = await fetch(`${server.url}/api/v1/gateways`, { headers: { authorization: `Bearer ${key}` } });
    return { res, ms: Date.now() - started, body: await res.json() };
  };

  it("asks an agent again for what it reported while PostgreSQL refused connections (nothing lost)", async () => {
    const fx = opampFixture(server);
    const gw = await fx.registerGateway("outage-agent");
    const agent = await TestAgent.connect(fx.wsUrl, gw.opamp_token);
    const description = (host: string) => ({
      identifying_attributes: [kv("service.name", "otelcol-contrib")],
      non_identifying_attributes: [kv("host.name", host)],
    });
    const caps = Caps.ReportsStatus | Caps.ReportsHeartbeat;
    expect((await agent.request({ capabilities: caps, agent_description: description("before") })).flags).toBe(
      undefined,
    );
    await relay.refuse();
    const during = await agent.request({ capabilities: caps, agent_description: description("moved") });
    expect(during.error_response).toMatchObject({ type: 2 }); // UNAVAILABLE: the agent resends later
    await relay.up();
    // The next heartbeat's reply asks for the full state, so the report the database never stored is sent again.
    const next = await agent.request({ capabilities: caps });
    expect(BigInt(next.flags ?? 0) & 1n).toBe(1n);
    expect((await agent.request({ capabilities: caps, agent_description: description("moved") })).flags).toBe(
      undefined,
    );
    expect((await fx.gateway(gw.id)).hostname).toBe("moved");
    agent.ws.close();
  });

  it("answers 503 with Retry-After within seconds while PostgreSQL accepts but never answers", async () => {
    expect((await listGateways()).res.status).toBe(200);
    relay.hang();
    const { res, ms, body } = await listGateways();
    expect(res.status).toBe(503);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(body.detail).toMatch(/database unavailable/i);
    expect(ms).toBeLessThan(8_000);
  });

  it("answers 503 with Retry-After at once while PostgreSQL refuses connections", async () => {
    await relay.refuse();
    const { res, ms } = await listGateways();
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBeTruthy();
    expect(ms).toBeLessThan(3_000);
  });

  it("answers 200 again once PostgreSQL is back, and logged the outage as warnings, not errors", async () => {
    await relay.up();
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      status = (await listGateways()).res.status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
    expect(server.logs()).toMatch(/"level":"warn".*database unavailable/);
    expect(server.logs()).not.toMatch(/"level":"error".*unhandled error/);
    expect(server.logs()).not.toContain(hashApiKey(key)); // the failed lookups' parameters
  });
});
