import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";
import { config, deployFixture, waitFor, WsCollector } from "./deployments-fixtures";

let server: TestServer;
let fx: ReturnType<typeof deployFixture>;
let viewerKey: string;
const collectors: WsCollector[] = [];

beforeAll(async () => {
  server = await startServer();
  fx = deployFixture(server);
  viewerKey = (await fx.api("POST", "/api/v1/api-keys", { name: "viewer", role: "viewer" })).json.key;
});
afterAll(async () => {
  await Promise.all(collectors.map((c) => c.stop().catch(() => {})));
  await server?.stop();
});

describe("deployments REST API (real server)", () => {
  it("previews a target and refuses bad input with clear messages, writing nothing", async () => {
    const templateId = await fx.template("api-bad", [config("bad-v1")]);
    const gws = [];
    for (let i = 0; i < 3; i++)
      gws.push(await fx.taggedGateway(`api-pv-${i}`, { env: "preview", ...(i < 2 ? { canary: "" } : {}) }));

    const pv = await fx.api(
      "POST",
      "/api/v1/deployments/preview",
      { target: { selector: "env=preview,canary" } },
      viewerKey,
    );
    expect(pv.status).toBe(200);
    expect(pv.json.count).toBe(2);
    expect(pv.json.gateways.map((g: { name: string }) => g.name)).toEqual(["api-pv-0", "api-pv-1"]);
    expect((await fx.api("POST", "/api/v1/deployments/preview", { target: { selector: "env=nowhere" } })).json).toEqual(
      { count: 0, gateways: [] },
    );

    const before = (await fx.api("GET", "/api/v1/deployments")).json.total;
    const create = (body: Record<string, unknown>, key?: string) =>
      fx.api(
        "POST",
        "/api/v1/deployments",
        { template_id: templateId, target: { selector: "env=preview" }, ...body },
        key,
      );
    const cases: Array<[Record<string, unknown>, number, string | RegExp]> = [
      [{ target: { selector: "env=nowhere" } }, 400, "Target matches no gateways"],
      [
        { target: { selector: "env=preview", gateway_ids: [gws[0].id] } },
        400,
        /exactly one of gateway_ids or selector/,
      ],
      [{ target: { selector: "env==x" } }, 400, /Invalid tag value "=x" in selector/],
      [
        { target: { gateway_ids: [gws[0].id, "00000000-0000-4000-8000-000000000000"] } },
        404,
        "Gateway not found: 00000000-0000-4000-8000-000000000000",
      ],
      [{ template_version: 9 }, 404, "Template version 9 not found"],
      [{ template_id: "00000000-0000-4000-8000-000000000000" }, 404, "Template not found"],
      [{ strategy: { type: "progressive" } }, 400, /needs exactly one of batch_size or batch_percent/],
      [{ strategy: { type: "progressive", batch_size: 0 } }, 400, /batch_size must be at least 1/],
    ];
    for (const [body, status, detail] of cases) {
      const r = await create(body);
      expect([r.status, r.json.detail], JSON.stringify(body)).toEqual([status, expect.stringMatching(detail)]);
    }
    const viewer = await create({}, viewerKey);
    expect([viewer.status, viewer.json.detail]).toEqual([
      403,
      "This action requires the operator role or higher (you are viewer)",
    ]);

    // Another org's template is just not found.
    await server.cli(["org", "create", "other-org"]);
    const other = JSON.parse(
      (await server.cli(["api-key", "create", "--org", "other-org", "--role", "owner", "--name", "o", "--json"]))
        .stdout,
    );
    const foreign = await fx.api(
      "POST",
      "/api/v1/templates",
      { name: "foreign", content: config("foreign") },
      other.key,
    );
    expect(foreign.status).toBe(201);
    const cross = await create({ template_id: foreign.json.id });
    expect([cross.status, cross.json.detail]).toEqual([404, "Template not found"]);
    expect((await fx.api("GET", "/api/v1/deployments")).json.total).toBe(before);
    expect((await fx.api("GET", "/api/v1/deployments?status=bogus")).status).toBe(400);
    expect((await fx.api("GET", "/api/v1/deployments/not-a-uuid")).json).toEqual({ detail: "Deployment not found" });
  });

  it("pauses, resumes and cancels a rollout; cancelling hands the gateway back its previous config", async () => {
    const templateId = await fx.template("api-life", [config("life-v1"), config("life-v2")]);
    const agents: WsCollector[] = [];
    for (let i = 0; i < 2; i++) {
      const gw = await fx.taggedGateway(`api-life-${i}`, { env: "life" });
      agents.push(await WsCollector.start(fx.wsUrl, `api-life-${i}`, gw.opamp_token));
    }
    collectors.push(...agents);
    const v1 = await fx.api("POST", "/api/v1/deployments", {
      template_id: templateId,
      template_version: 1,
      target: { selector: "env=life" },
    });
    await fx.statusIs(v1.json.id, "completed");
    const v1Hashes = agents.map((a) => a.applied);

    const v2 = await fx.api("POST", "/api/v1/deployments", {
      template_id: templateId,
      target: { selector: "env=life" },
      strategy: { type: "progressive", batch_size: 1, pause_seconds: 3600 },
    });
    const id = v2.json.id;
    await waitFor(async () => (await fx.deployment(id)).progress.applied === 1);
    expect(agents[0].applied).not.toBe(v1Hashes[0]);
    expect(agents[1].applied).toBe(v1Hashes[1]); // the second batch waits out the pause

    const post = (verb: string, key?: string) => fx.api("POST", `/api/v1/deployments/${id}/${verb}`, undefined, key);
    expect((await post("pause", viewerKey)).status).toBe(403);
    expect((await post("pause")).json).toEqual({ id, status: "paused" });
    expect((await post("pause")).json).toMatchObject({
      detail: "Only an in-progress deployment can be paused (this one is paused)",
      status: "paused",
    });
    expect((await post("resume")).json).toEqual({ id, status: "in_progress" });
    expect((await post("resume")).json).toMatchObject({
      detail: "Only a paused or halted deployment can be resumed (this one is in_progress)",
    });
    expect((await post("cancel", viewerKey)).status).toBe(403);
    expect((await post("cancel")).json).toEqual({ id, status: "cancelled" });
    expect((await post("cancel")).status).toBe(409);
    await waitFor(async () => agents[0].applied === v1Hashes[0], 5_000);
    expect((await fx.deployment(id)).finished_at).toBeTruthy();

    const rb = await fx.api("POST", `/api/v1/deployments/${v1.json.id}/rollback`);
    expect([rb.status, rb.json.detail]).toEqual([400, "No previous version to roll back to"]);
    expect((await fx.api("POST", `/api/v1/deployments/${id}/rollback`, {}, viewerKey)).status).toBe(403);

    const audit = JSON.stringify((await fx.api("GET", "/api/v1/settings/audit-log?limit=100")).json);
    for (const a of ["deployment.pause", "deployment.resume", "deployment.cancel"]) expect(audit).toContain(a);
  }, 60_000);

  it("lists deployments newest first with progress counts, paginated and filtered by status", async () => {
    const all = (await fx.api("GET", "/api/v1/deployments?limit=100")).json;
    expect(all.total).toBe(2); // this file's own: v1 completed, v2 cancelled
    const page2 = (await fx.api("GET", "/api/v1/deployments?limit=1&page=2")).json;
    expect(page2).toMatchObject({ page: 2, limit: 1, total: all.total });
    expect(page2.items[0].id).toBe(all.items[1].id);
    expect(all.items[0].progress).toMatchObject({ total: expect.any(Number), applied: expect.any(Number), failed: 0 });
    const cancelled = (await fx.api("GET", "/api/v1/deployments?status=cancelled", undefined, viewerKey)).json;
    expect(cancelled.items.length).toBe(1);
    expect(cancelled.items[0].status).toBe("cancelled");
    const detail = await fx.deployment(cancelled.items[0].id, "?limit=1&page=2");
    expect(detail.gateways).toMatchObject({ total: 2, page: 2, limit: 1 });
    expect(detail.gateways.items[0]).toMatchObject({
      name: "api-life-1",
      batch: 1,
      status: "pending",
      released_at: null,
    });
  });
});
