import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";
import { kv, TestAgent } from "../helpers/opamp-ws-client";
import { config, deployFixture, waitFor, WsCollector } from "./deployments-fixtures";

// The Agents table's config columns (current config, rollout state, OS/arch) through the real list route, with
// deployments made and applied by real OpAMP agents.

let server: TestServer;
let fx: ReturnType<typeof deployFixture>;
const collectors: WsCollector[] = [];
let described: TestAgent | undefined;
const ids: Record<string, string> = {};
let alpha: string;
let beta: string;
const deployments: Record<string, string> = {};

type Item = {
  id: string;
  name: string;
  os: string | null;
  arch: string | null;
  current_config: null | {
    template_id: string;
    template_name: string;
    version: number;
    deployment_id: string;
    deployment_name: string;
  };
  rollout: null | { deployment_id: string; deployment_name: string; state: string };
};

const list = async (query: string) => {
  const r = await fx.api("GET", `/api/v1/gateways?${query}`);
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.json as { items: Item[]; total: number };
};
const names = async (query: string) => (await list(query)).items.map((i) => i.name);

async function deploy(name: string, templateId: string, version: number, selector: string) {
  const r = await fx.api("POST", "/api/v1/deployments", {
    name,
    template_id: templateId,
    template_version: version,
    target: { selector },
  });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json.id as string;
}

const rowOf = async (deploymentId: string, gatewayName: string) =>
  (await fx.deployment(deploymentId)).gateways.items.find((g: { name: string }) => g.name === gatewayName);

beforeAll(async () => {
  server = await startServer();
  fx = deployFixture(server);
  alpha = await fx.template("alpha", [config("a1"), config("a2")]);
  beta = await fx.template("beta", [config("b1", "batch/broken")]);
  for (const name of ["col-ok", "col-bad", "col-idle", "col-os"]) {
    const gw = await fx.taggedGateway(name, { col: name.slice(4) });
    ids[name] = gw.id;
    if (name === "col-ok" || name === "col-bad")
      collectors.push(await WsCollector.start(fx.wsUrl, name, gw.opamp_token, "batch/broken"));
    if (name === "col-os") {
      described = await TestAgent.connect(fx.wsUrl, gw.opamp_token);
      described.send({
        agent_description: {
          identifying_attributes: [kv("service.name", "otelcol-contrib")],
          non_identifying_attributes: [kv("os.type", "linux"), kv("host.arch", "arm64")],
        },
      });
    }
  }
  // col-ok runs alpha v1, then v2; col-bad cannot run beta; col-idle has no agent, so its row never finishes.
  deployments.a1 = await deploy("alpha first", alpha, 1, "col=ok");
  await fx.statusIs(deployments.a1, "completed");
  deployments.a2 = await deploy("alpha second", alpha, 2, "col=ok");
  await fx.statusIs(deployments.a2, "completed");
  deployments.b1 = await deploy("beta broken", beta, 1, "col=bad");
  await waitFor(async () => (await rowOf(deployments.b1, "col-bad"))?.status === "failed", 15_000, 100);
  deployments.idle = await deploy("alpha idle", alpha, 1, "col=idle");
  await waitFor(async () => (await list("q=col-os")).items[0]?.arch === "arm64", 10_000, 100);
}, 120_000);
afterAll(async () => {
  await Promise.all(collectors.map((c) => c.stop().catch(() => {})));
  described?.ws.close(1000);
  await server?.stop();
});

describe("GET /api/v1/gateways: current config, rollout state, OS/arch", () => {
  it("gives each gateway its template@version, the deployment that set it and its row in the newest deployment", async () => {
    const byName = new Map((await list("q=col-")).items.map((i) => [i.name, i]));
    expect(byName.get("col-ok")).toMatchObject({
      current_config: {
        template_id: alpha,
        template_name: "alpha",
        version: 2,
        deployment_id: deployments.a2,
        deployment_name: "alpha second",
      },
      rollout: { deployment_id: deployments.a2, deployment_name: "alpha second", state: "applied" },
      os: null,
      arch: null,
    });
    // A failed deployment is still the desired config (the rule of resolveDesiredConfig): what the gateway should run.
    expect(byName.get("col-bad")).toMatchObject({
      current_config: { template_id: beta, template_name: "beta", version: 1, deployment_id: deployments.b1 },
      rollout: { deployment_id: deployments.b1, state: "failed" },
    });
    const idleRow = await rowOf(deployments.idle, "col-idle");
    expect(byName.get("col-idle")).toMatchObject({
      current_config: { template_name: "alpha", version: 1, deployment_id: deployments.idle },
      rollout: { deployment_id: deployments.idle, state: idleRow.status },
    });
    expect(["pending", "sent"]).toContain(idleRow.status);
    expect(byName.get("col-os")).toMatchObject({ current_config: null, rollout: null, os: "linux", arch: "arm64" });
  });

  it("filters on them server-side", async () => {
    expect(await names(`template_id=${alpha}`)).toEqual(["col-idle", "col-ok"]);
    expect(await names(`template_id=${beta}`)).toEqual(["col-bad"]);
    expect(await names("rollout_state=applied")).toEqual(["col-ok"]);
    expect(await names("rollout_state=failed")).toEqual(["col-bad"]);
    expect(await names("rollout_state=none")).toEqual(["col-os"]);
    expect(await names("os=LIN")).toEqual(["col-os"]);
    expect(await names("arch=ARM64")).toEqual(["col-os"]);
    expect(await names(`template_id=${alpha}&rollout_state=applied`)).toEqual(["col-ok"]);
    expect((await fx.api("GET", "/api/v1/gateways?template_id=alpha")).status).toBe(400);
    expect((await fx.api("GET", "/api/v1/gateways?rollout_state=done")).status).toBe(400);
  });

  it("sorts on them server-side, gateways without a value last", async () => {
    expect(await names("sort=current_config")).toEqual(["col-idle", "col-ok", "col-bad", "col-os"]);
    expect(await names("sort=current_config&order=desc")).toEqual(["col-bad", "col-ok", "col-idle", "col-os"]);
    // The enum's order: pending, sent, applying, applied, failed, timeout.
    expect(await names("sort=rollout_state")).toEqual(["col-idle", "col-ok", "col-bad", "col-os"]);
    expect((await names("sort=os"))[0]).toBe("col-os");
    expect((await names("sort=arch&order=desc"))[0]).toBe("col-os");
  });

  it("the bulk endpoint's filter selects with the same filters", async () => {
    const r = await fx.api("POST", "/api/v1/gateways/bulk", {
      action: "add_tags",
      filter: { rollout_state: "failed", template_id: beta },
      tags: { triage: "yes" },
    });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json).toMatchObject({ matched: 1, changed: 1 });
    expect(await names("tag=triage=yes")).toEqual(["col-bad"]);
  });
});
