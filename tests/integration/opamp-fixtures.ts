import { inParallel } from "../helpers/parallel";
import type { TestServer } from "../helpers/server";

export type RegisteredGateway = { id: string; opamp_token: string; org_id: string };

/** REST helpers the OpAMP tests use to prepare data through the real API (never behind the server's back). */
export function opampFixture(server: TestServer) {
  const wsUrl = server.url.replace(/^http/, "ws") + "/v1/opamp";
  const httpUrl = server.url + "/api/v1/opamp/v1/opamp";

  async function api(method: string, path: string, body?: unknown, token?: string) {
    const key = token ?? (await server.adminKey()).key;
    const res = await fetch(server.url + path, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  }

  async function registrationToken(name: string, maxUses = 1): Promise<string> {
    const rt = await api("POST", "/api/v1/registration-tokens", { name, max_uses: maxUses });
    if (rt.status !== 201) throw new Error(`registration token: ${rt.status} ${JSON.stringify(rt.json)}`);
    return rt.json.token;
  }

  async function register(instanceId: string, token: string): Promise<RegisteredGateway> {
    const gw = await api("POST", "/api/v1/gateways", { instance_id: instanceId, name: instanceId }, token);
    if (gw.status !== 200 && gw.status !== 201) throw new Error(`register: ${gw.status} ${JSON.stringify(gw.json)}`);
    return gw.json;
  }

  /** Registers a gateway the way onboard.sh does: registration token, then POST /api/v1/gateways. */
  async function registerGateway(instanceId: string): Promise<RegisteredGateway> {
    return register(instanceId, await registrationToken(`opamp-${instanceId}`));
  }

  /** Registers a fleet through one multi-use registration token (as a DaemonSet does), `width` at a time. */
  async function registerGateways(instanceIds: string[], width = 8): Promise<RegisteredGateway[]> {
    const token = await registrationToken(`fleet-${instanceIds[0]}`, instanceIds.length);
    return inParallel(instanceIds, width, (instanceId) => register(instanceId, token));
  }

  /** Creates a template and makes it the org's base config; resolves to its first version's content. */
  async function setBaseConfig(name: string, content = collectorConfig(name)) {
    const t = await api("POST", "/api/v1/templates", { name, content });
    if (t.status !== 201) throw new Error(`template: ${t.status} ${JSON.stringify(t.json)}`);
    const base = await api("POST", `/api/v1/templates/${t.json.id}/base`);
    if (base.status !== 200) throw new Error(`base: ${base.status} ${JSON.stringify(base.json)}`);
    return { templateId: t.json.id as string, content };
  }

  async function gateway(id: string) {
    const r = await api("GET", `/api/v1/gateways/${id}`);
    if (r.status !== 200) throw new Error(`gateway ${id}: ${r.status}`);
    return r.json;
  }

  return { wsUrl, httpUrl, api, registerGateway, registerGateways, setBaseConfig, gateway };
}

/** A small valid collector config; `${INSTANCE_ID}` is rendered per gateway by the server. */
export function collectorConfig(tag: string): string {
  return [
    `# ${tag} for \${INSTANCE_ID}`,
    "receivers:",
    "  otlp:",
    "    protocols:",
    "      http:",
    "        endpoint: 0.0.0.0:4318",
    "exporters:",
    "  debug: {}",
    "service:",
    "  pipelines:",
    "    logs:",
    "      receivers: [otlp]",
    "      exporters: [debug]",
    "",
  ].join("\n");
}

export async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 5_000,
  stepMs = 50,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
