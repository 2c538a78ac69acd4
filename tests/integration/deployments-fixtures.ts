import { createOpAMPClient, RemoteConfigStatuses } from "@elastic/opamp-client-node";
import type { TestServer } from "../helpers/server";
import { Caps, kv, TestAgent, type ServerToAgent } from "../helpers/opamp-ws-client";
import { opampFixture, waitFor } from "./opamp-fixtures";

export { waitFor };

const CAPS =
  Caps.ReportsStatus |
  Caps.AcceptsRemoteConfig |
  Caps.ReportsRemoteConfig |
  Caps.ReportsHeartbeat |
  Caps.ReportsEffectiveConfig;

/** A collector's answer to a remote config: APPLIED, or FAILED with its own error when the YAML holds `failOn`. */
function verdict(yaml: string, failOn: string | undefined, name: string) {
  return failOn && yaml.includes(failOn)
    ? { status: 3, error: `${name}: cannot start pipelines: processors::${failOn}: unknown setting` }
    : { status: 1, error: "" };
}

type WsCollectorOptions = {
  failOn?: string;
  /** Send a heartbeat (a bare status message) this often. */
  heartbeatMs?: number;
  /** Reconnect when the server drops the connection, as opamp-go does; to these URLs in turn if given (replicas). */
  reconnect?: boolean;
  failover?: string[];
};

/**
 * A gateway's agent over WebSocket (the spec-written test client): it applies every RemoteConfig it is sent,
 * reporting APPLYING and then APPLIED (with the new effective config) or FAILED for that exact hash, as the
 * supervisor does. Asked for its full state (ReportFullState), it sends description, status and effective config.
 */
export class WsCollector {
  /** Hex hash of the last config this agent applied (APPLIED). */
  applied: string | null = null;
  readonly received: string[] = [];
  /** ServerErrorResponses received (UNAVAILABLE during an outage, for example). */
  errors = 0;
  hostName: string;
  private stopped = false;
  private heartbeat?: NodeJS.Timeout;
  private urlIndex = 0;

  private constructor(
    readonly name: string,
    public agent: TestAgent,
    private readonly token: string,
    private readonly urls: string[],
    private readonly opts: WsCollectorOptions,
  ) {
    this.hostName = name;
  }

  static async start(wsUrl: string, name: string, token: string, opts: string | WsCollectorOptions = {}) {
    const options = typeof opts === "string" ? { failOn: opts } : opts;
    const urls = [wsUrl, ...(options.failover ?? [])];
    const c = new WsCollector(name, await TestAgent.connect(wsUrl, token), token, urls, options);
    c.agent.send({ capabilities: CAPS, remote_config_status: {}, agent_description: c.description() });
    void c.loop();
    if (options.heartbeatMs)
      c.heartbeat = setInterval(
        () => c.agent.ws.readyState === 1 && c.agent.send({ capabilities: CAPS }),
        options.heartbeatMs,
      );
    return c;
  }

  private description() {
    return {
      identifying_attributes: [kv("service.name", "otelcol-contrib")],
      non_identifying_attributes: [kv("host.name", this.hostName)],
    };
  }

  /** Reports a new host name (an AgentDescription change). */
  moveTo(hostName: string) {
    this.hostName = hostName;
    this.agent.send({ capabilities: CAPS, agent_description: this.description() });
  }

  private fullState() {
    return {
      capabilities: CAPS,
      agent_description: this.description(),
      remote_config_status: this.status(),
      ...this.effective(),
    };
  }

  private async loop() {
    while (!this.stopped) {
      let msg: ServerToAgent;
      try {
        msg = await this.agent.next(500);
      } catch {
        if (this.agent.ws.readyState === 3 && !this.stopped && this.opts.reconnect) await this.reconnect();
        continue;
      }
      if (msg.error_response) this.errors++;
      if (msg.flags && BigInt(msg.flags) & 1n) this.agent.send(this.fullState());
      if (msg.remote_config) this.apply(msg.remote_config);
    }
  }

  /** The connection was dropped: the same agent (uid, sequence) goes to the next URL, as behind a load balancer. */
  private async reconnect() {
    this.urlIndex = (this.urlIndex + 1) % this.urls.length;
    try {
      this.agent = await TestAgent.connect(this.urls[this.urlIndex], this.token, {
        uid: this.agent.uid,
        seq: this.agent.seq,
      });
      this.agent.send(this.fullState());
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  private last: { hash: Buffer; status: number; error: string } | null = null;
  private running: string | null = null;
  /** The YAML this agent runs (the last config it applied), or null before any. */
  get config(): string | null {
    return this.running;
  }
  private effective() {
    return this.running === null
      ? {}
      : {
          effective_config: {
            config_map: { config_map: { "": { body: Buffer.from(this.running), content_type: "text/yaml" } } },
          },
        };
  }
  private status() {
    return this.last
      ? { last_remote_config_hash: this.last.hash, status: this.last.status, error_message: this.last.error }
      : {};
  }

  private apply(rc: ServerToAgent) {
    const hash: Buffer = rc.config_hash;
    const yaml = Buffer.from(rc.config.config_map[""].body).toString("utf8");
    this.received.push(hash.toString("hex"));
    this.agent.send({ capabilities: CAPS, remote_config_status: { last_remote_config_hash: hash, status: 2 } });
    const v = verdict(yaml, this.opts.failOn, this.name);
    this.last = { hash, status: v.status, error: v.error };
    if (v.status === 1) {
      this.running = yaml;
      this.applied = hash.toString("hex");
    }
    this.agent.send({
      capabilities: CAPS,
      remote_config_status: this.status(),
      ...(v.status === 1 ? this.effective() : {}),
    });
  }

  /** Reports the collector's component health (AgentHealth, as the supervisor does when a component fails). */
  reportHealth(health: Record<string, unknown>) {
    this.agent.send({ capabilities: CAPS, health });
  }

  async stop() {
    this.stopped = true;
    clearInterval(this.heartbeat);
    this.agent.ws.close(1000);
    await this.agent.closed;
  }
}

/** A gateway's agent over plain HTTP: the real @elastic/opamp-client-node, polling every 0.3 s. */
export class HttpCollector {
  applied: string | null = null;
  private constructor(
    readonly name: string,
    readonly client: ReturnType<typeof createOpAMPClient>,
  ) {}

  static start(httpUrl: string, name: string, token: string, failOn?: string) {
    const client = createOpAMPClient({
      endpoint: httpUrl,
      headers: { authorization: `Bearer ${token}` },
      capabilities: BigInt(CAPS & (Caps.AcceptsRemoteConfig | Caps.ReportsRemoteConfig)),
      heartbeatIntervalSeconds: 0.3,
      onMessage: ({ remoteConfig }) => {
        if (!remoteConfig?.config) return;
        const yaml = Buffer.from(remoteConfig.config.configMap[""]?.body ?? new Uint8Array()).toString("utf8");
        const v = verdict(yaml, failOn, name);
        client.setRemoteConfigStatus({
          lastRemoteConfigHash: remoteConfig.configHash,
          status:
            v.status === 1
              ? RemoteConfigStatuses.RemoteConfigStatuses_APPLIED
              : RemoteConfigStatuses.RemoteConfigStatuses_FAILED,
          errorMessage: v.error,
        });
        if (v.status === 1) self.applied = Buffer.from(remoteConfig.configHash).toString("hex");
      },
    });
    const self = new HttpCollector(name, client); // onMessage only runs after start(), so self is set by then
    client.setAgentDescription({
      identifyingAttributes: [
        { key: "service.name", value: { value: { case: "stringValue", value: "elastic-node" } } },
      ],
    });
    client.start();
    return self;
  }

  async stop() {
    await this.client.shutdown();
  }
}

/** REST helpers over the real API with the owner key (or another key). */
export function deployFixture(server: TestServer) {
  const fx = opampFixture(server);

  async function template(name: string, contents: string[]) {
    const t = await fx.api("POST", "/api/v1/templates", { name, content: contents[0], message: "v1" });
    if (t.status !== 201) throw new Error(`template: ${t.status} ${JSON.stringify(t.json)}`);
    for (let i = 1; i < contents.length; i++) {
      const v = await fx.api("POST", `/api/v1/templates/${t.json.id}/versions`, {
        content: contents[i],
        base_version: i,
        message: `v${i + 1}`,
      });
      if (v.status !== 201 && v.status !== 200) throw new Error(`version: ${v.status} ${JSON.stringify(v.json)}`);
    }
    return t.json.id as string;
  }

  /** Registers a gateway and tags it; returns its id and OpAMP token. */
  async function taggedGateway(instanceId: string, tags: Record<string, string>) {
    const gw = await fx.registerGateway(instanceId);
    const r = await fx.api("PUT", `/api/v1/gateways/${gw.id}/tags`, { tags });
    if (r.status !== 200) throw new Error(`tags: ${r.status} ${JSON.stringify(r.json)}`);
    return gw;
  }

  /**
   * Registers a fleet through one registration token, then tags it with one bulk request per distinct tag set
   * (instead of one PUT per gateway); resolves to the gateways in `instanceIds` order.
   */
  async function taggedFleet(instanceIds: string[], tagsOf: (i: number) => Record<string, string>) {
    const gws = await fx.registerGateways(instanceIds);
    const bySet = new Map<string, string[]>();
    gws.forEach((gw, i) => {
      const key = JSON.stringify(tagsOf(i));
      bySet.set(key, [...(bySet.get(key) ?? []), gw.id]);
    });
    for (const [tags, ids] of bySet) {
      const r = await fx.api("POST", "/api/v1/gateways/bulk", {
        action: "add_tags",
        gateway_ids: ids,
        tags: JSON.parse(tags),
      });
      if (r.status !== 200 || r.json.changed !== ids.length)
        throw new Error(`bulk tags: ${r.status} ${JSON.stringify(r.json)}`);
    }
    return gws;
  }

  async function deployment(id: string, query = "") {
    const r = await fx.api("GET", `/api/v1/deployments/${id}${query}`);
    if (r.status !== 200) throw new Error(`deployment ${id}: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json;
  }

  const statusIs = (id: string, status: string, timeoutMs = 15_000) =>
    waitFor(
      async () => {
        const d = await deployment(id);
        return d.status === status && d;
      },
      timeoutMs,
      100,
    );

  return { ...fx, template, taggedGateway, taggedFleet, deployment, statusIs };
}

/** A valid collector config; `marker` lands in a processor name so agents can be told to fail on it. */
export function config(version: string, marker = "batch") {
  return [
    `# ${version} for \${INSTANCE_ID}`,
    "receivers:",
    "  otlp:",
    "    protocols:",
    "      http:",
    "        endpoint: 0.0.0.0:4318",
    "processors:",
    `  ${marker}: {}`,
    "exporters:",
    "  debug: {}",
    "service:",
    "  pipelines:",
    "    logs:",
    "      receivers: [otlp]",
    `      processors: [${marker}]`,
    "      exporters: [debug]",
    "",
  ].join("\n");
}
