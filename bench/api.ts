import { inParallel } from "../tests/helpers/parallel";
import type { AgentSpec } from "./agent";

/** The REST calls the bench makes, as any API client would (API key from the CLI). */
export class Api {
  constructor(
    readonly base: string,
    readonly key: string,
    readonly orgId: string,
  ) {}

  async call<T = Record<string, unknown>>(method: string, url: string, body?: unknown, token = this.key): Promise<T> {
    const res = await fetch(this.base + url, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  /** N gateways through one multi-use registration token, `concurrency` registrations in flight. */
  async registerGateways(n: number, runId: string, concurrency: number): Promise<(AgentSpec & { id: string })[]> {
    const { token } = await this.call<{ token: string }>("POST", `/api/v1/registration-tokens?org_id=${this.orgId}`, {
      name: `bench ${runId}`,
      max_uses: n,
      expires_in_days: 1,
    });
    const indexes = Array.from({ length: n }, (_, i) => i);
    return inParallel(indexes, concurrency, async (i) => {
      const instanceId = `bench-${runId}-${String(i).padStart(6, "0")}`;
      const g = await this.call<{ id: string; opamp_token: string }>(
        "POST",
        "/api/v1/gateways",
        { instance_id: instanceId, name: instanceId },
        token,
      );
      return { index: i, instanceId, token: g.opamp_token, id: g.id };
    });
  }

  /** Tags every gateway `bench=<runId>` (the deployment's selector), 1,000 per request. */
  async tagGateways(ids: string[], runId: string) {
    for (let i = 0; i < ids.length; i += 1000) {
      await this.call("POST", `/api/v1/agent-tags?org_id=${this.orgId}`, {
        gateway_ids: ids.slice(i, i + 1000),
        tags: { bench: runId },
      });
    }
  }

  /** Every agent as the supervisor endpoint lists it, 1,000 per page. */
  async allAgents(): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    for (let page = 1; ; page++) {
      const r = await this.call<{ items: Record<string, unknown>[]; total: number }>(
        "GET",
        `/api/v1/supervisor/agents?org_id=${this.orgId}&limit=1000&page=${page}`,
      );
      out.push(...r.items);
      if (out.length >= r.total || r.items.length === 0) return out;
    }
  }

  async connectedCount(): Promise<number> {
    return (
      await this.call<{ total: number }>(
        "GET",
        `/api/v1/supervisor/agents?org_id=${this.orgId}&connection_state=connected&limit=1`,
      )
    ).total;
  }
}
