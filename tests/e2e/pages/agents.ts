import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { adminApiKey } from "./cli";
import { Caps, kv, type ServerToAgent, type TestAgent } from "../../helpers/opamp-ws-client";

let admin: { key: string; org_id: string } | null = null;
/** One owner API key per spec file, made with the real CLI. */
export function adminAuth() {
  admin ??= adminApiKey();
  return { authorization: `Bearer ${admin.key}` };
}

/** A name no other spec (or earlier run on this server) uses. */
export const unique = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

export async function createRegistrationToken(
  request: APIRequestContext,
  body: { name: string; expires_in_days?: number; max_uses?: number | null },
) {
  const res = await request.post("/api/v1/registration-tokens", { headers: adminAuth(), data: body });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string; token: string };
}

export type Registered = { id: string; name: string; instance_id: string; opamp_token: string; opamp_endpoint: string };

/** Registers a gateway the way onboard.sh does: a registration token, then POST /api/v1/gateways with it. */
export async function registerGateway(
  request: APIRequestContext,
  name: string,
  extra: Record<string, unknown> = {},
): Promise<Registered> {
  const { token } = await createRegistrationToken(request, { name: `for ${name}`, expires_in_days: 1 });
  const res = await request.post("/api/v1/gateways", {
    headers: { authorization: `Bearer ${token}` },
    data: {
      name,
      instance_id: name,
      hostname: `${name}.example.test`,
      metadata: { version: "1.2.3", otel_version: "0.130.0" },
      ...extra,
    },
  });
  expect(res.status()).toBe(201);
  return (await res.json()) as Registered;
}

/** The legacy heartbeat heartbeat.sh sends: last_seen now, status active. */
export async function heartbeat(
  request: APIRequestContext,
  g: { instance_id: string; opamp_token: string },
  body: Record<string, unknown> = {},
) {
  return request.post(`/api/v1/opamp/heartbeat/${g.instance_id}`, {
    headers: { authorization: `Bearer ${g.opamp_token}` },
    data: body,
  });
}

export async function gatewaysTotal(request: APIRequestContext, query: string): Promise<number> {
  const res = await request.get(`/api/v1/gateways?${query}`, { headers: adminAuth() });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { total: number }).total;
}

/** Page object for /agents. */
export class AgentsPage {
  constructor(readonly page: Page) {}

  async goto(query = "") {
    await this.page.goto(`/agents${query ? `?${query}` : ""}`);
    await expect(this.page.getByRole("heading", { level: 1, name: "Agents" })).toBeVisible();
  }

  row(name: string): Locator {
    return this.page.getByTestId("agent-row").filter({ has: this.page.getByRole("link", { name, exact: true }) });
  }

  get rows() {
    return this.page.getByTestId("agent-row");
  }

  async search(text: string) {
    await this.page.getByLabel("Search gateways").fill(text);
  }

  async filter(label: "Status" | "Health", value: string) {
    await this.page.getByLabel(label, { exact: true }).selectOption(value);
  }
}

/** Page object for /agents/{id}. */
export class AgentDetailPage {
  constructor(readonly page: Page) {}

  async goto(id: string, name: string) {
    await this.page.goto(`/agents/${id}`);
    await expect(this.page.getByRole("heading", { level: 1, name })).toBeVisible();
  }

  fact(label: string): Locator {
    return this.page.getByTestId(`fact-${label.toLowerCase().replace(/\s+/g, "-")}`);
  }

  async confirm(trigger: string, confirm: string) {
    await this.page.getByRole("button", { name: trigger, exact: true }).click();
    const dialog = this.page.getByRole("dialog");
    await dialog.getByRole("button", { name: confirm }).click();
    return dialog;
  }
}

const EFFECTIVE_YAML = "receivers:\n  otlp: {}\nexporters:\n  debug: {}\n";

/** A full-state first message from a collector-like agent that accepts restarts and sends its own logs. */
export function fullState() {
  const failing = { healthy: false, status: "StatusRecoverableError", last_error: "otlp exporter: connection refused" };
  return {
    agent_description: {
      identifying_attributes: [kv("service.name", "otelcol-contrib"), kv("service.version", "0.136.0")],
      non_identifying_attributes: [kv("host.name", "edge-1"), kv("os.type", "linux")],
    },
    capabilities:
      Caps.ReportsStatus |
      Caps.AcceptsRemoteConfig |
      Caps.ReportsEffectiveConfig |
      Caps.ReportsOwnLogs |
      Caps.AcceptsRestartCommand |
      Caps.ReportsHealth |
      Caps.ReportsRemoteConfig |
      Caps.ReportsHeartbeat,
    effective_config: {
      config_map: { config_map: { "": { body: Buffer.from(EFFECTIVE_YAML), content_type: "text/yaml" } } },
    },
    health: {
      healthy: false,
      status: "StatusRecoverableError",
      component_health_map: { "pipeline:logs": { ...failing, component_health_map: { "exporter:otlp": failing } } },
    },
    remote_config_status: {
      status: 3,
      error_message: "unknown exporter type otlpx",
      last_remote_config_hash: Buffer.alloc(32, 7),
    },
  };
}

export async function untilCommand(agent: TestAgent): Promise<ServerToAgent> {
  for (;;) {
    const msg = await agent.next(10_000);
    if ("command" in msg) return msg;
  }
}
