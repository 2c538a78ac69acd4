import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { openTestDatabase } from "../helpers/db";
import { makeOrg } from "../helpers/ctx";
import { agentTags, auditLog, deploymentGateways } from "@/lib/db/schema";
import type { Ctx } from "@/lib/auth/context";
import { createRegistrationToken } from "@/lib/registration-tokens/create";
import { registerGateway } from "@/lib/gateways/register";
import { setGatewayTags } from "@/lib/gateways/tags";
import {
  recordConfigSent,
  recordRemoteConfigStatus,
  recordRemoteConfigStatuses,
} from "@/lib/deployments/rollout-status";
import { resolveDesiredConfig } from "@/lib/config-distribution/desired";
import { createDeployment } from "@/lib/deployments/create";
import { getDeployment, listDeploymentGateways, listDeployments } from "@/lib/deployments/queries";
import { cancelDeployment, pauseDeployment, resumeDeployment } from "@/lib/deployments/lifecycle";
import { rollbackDeployment } from "@/lib/deployments/rollback";
import { startDeploymentEngine, tickDeployments } from "@/lib/deployments/engine";
import { createTemplate } from "@/lib/templates/create";
import { saveTemplateVersion } from "@/lib/templates/save-version";
import { updateSettings } from "@/lib/settings/update";

let database: Awaited<ReturnType<typeof openTestDatabase>>;
let ctx: Awaited<ReturnType<typeof makeOrg>>;

beforeAll(async () => {
  database = await openTestDatabase();
  ctx = await makeOrg(database.db, "deploy-engine");
});
afterAll(async () => database?.drop());

/** A valid collector config that differs per version and names the gateway it was rendered for. */
const configV = (name: string, v: number) => `receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 0.0.0.0:4317
processors:
  batch:
    send_batch_size: ${1000 + v}
exporters:
  debug:
    verbosity: basic
service:
  telemetry:
    resource:
      gateway: \${INSTANCE_ID}
      template: ${name}-v${v}
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [debug]
`;

/** A template with versions v1..vN, saved through the real templates verbs. */
async function template(c: Ctx, name: string, versions: number) {
  const t = await createTemplate(c, { name, content: configV(name, 1) });
  for (let v = 2; v <= versions; v++)
    await saveTemplateVersion(c, t.id, { content: configV(name, v), base_version: v - 1 });
  return t;
}

/** Registers gateways through the real onboarding verbs and tags them. */
async function gateways(c: Ctx, prefix: string, n: number, tags: Record<string, string>) {
  const { token } = await createRegistrationToken(c, { name: prefix, max_uses: null });
  const out = [];
  for (let i = 0; i < n; i++) {
    const g = await registerGateway(c.db, token, {
      instance_id: `${prefix}-${i}`,
      name: `${prefix}-${String(i).padStart(2, "0")}`,
    });
    await setGatewayTags(c, g.id, { tags });
    out.push(g);
  }
  return out;
}

const rows = async (c: Ctx, id: string) => (await listDeploymentGateways(c, id, { limit: 500 })).items;

/** What an agent's hub does when it delivers a config and the agent answers. */
async function agentReports(
  c: Ctx,
  gatewayId: string,
  deploymentId: string,
  status: "applied" | "failed",
  error?: string,
) {
  const [row] = await c.db
    .select()
    .from(deploymentGateways)
    .where(and(eq(deploymentGateways.deploymentId, deploymentId), eq(deploymentGateways.gatewayId, gatewayId)));
  await recordConfigSent(c.db, gatewayId, row.configHash!);
  await recordRemoteConfigStatus(c.db, gatewayId, { hashHex: row.configHash!, status, errorMessage: error });
}

describe("deployment engine (domain level, real database)", () => {
  it("rolls out progressively, halts at the failure threshold, and rolls back", async () => {
    const t = await template(ctx.owner, "progressive", 2);
    const gws = await gateways(ctx.owner, "prog", 6, { env: "prod", tier: "edge" });
    const d = await createDeployment(ctx.operator, {
      template_id: t.id,
      target: { selector: "env=prod,tier" },
      strategy: { type: "progressive", batch_size: 2, pause_seconds: 0, failure_threshold: 2 },
    });
    expect(d).toMatchObject({ status: "in_progress", gateway_count: 6, template_version: 2 });
    let r = await rows(ctx.owner, d.id);
    expect(r.filter((x) => x.released_at).length).toBe(2);
    expect(r.map((x) => x.batch)).toEqual([0, 0, 1, 1, 2, 2]);

    // The released gateways' desired config is the deployment's, rendered for each gateway, with the row's hash.
    const first = r[0];
    const desired = await resolveDesiredConfig(ctx.owner.db, {
      id: first.gateway_id,
      orgId: ctx.org.id,
      instanceId: first.instance_id,
      name: first.name,
    });
    expect(desired?.hash).toBe(first.config_hash);
    expect(desired?.yaml).toContain(`gateway: ${first.instance_id}\n      template: progressive-v2`);
    expect(
      await resolveDesiredConfig(ctx.owner.db, {
        id: r[5].gateway_id,
        orgId: ctx.org.id,
        instanceId: r[5].instance_id,
        name: r[5].name,
      }),
    ).toBeNull();

    await agentReports(ctx.owner, r[0].gateway_id, d.id, "applied");
    await tickDeployments(ctx.owner.db);
    expect((await getDeployment(ctx.owner, d.id)).current_batch).toBe(0); // batch 0 not settled yet
    await agentReports(ctx.owner, r[1].gateway_id, d.id, "failed", "exporters::otlp: endpoint missing");
    await tickDeployments(ctx.owner.db);
    expect((await getDeployment(ctx.owner, d.id)).current_batch).toBe(1); // one failure is within the threshold of 2

    r = await rows(ctx.owner, d.id);
    await agentReports(ctx.owner, r[2].gateway_id, d.id, "failed", "processors::batch: invalid send_batch_size");
    await tickDeployments(ctx.owner.db);
    const halted = await getDeployment(ctx.owner, d.id);
    expect(halted.status).toBe("halted");
    expect(halted.progress).toMatchObject({ total: 6, applied: 1, failed: 2, pending: 3 });
    r = await rows(ctx.owner, d.id);
    expect(
      r
        .filter((x) => x.status === "failed")
        .map((x) => x.error_message)
        .sort(),
    ).toEqual(["exporters::otlp: endpoint missing", "processors::batch: invalid send_batch_size"]);
    expect(r.filter((x) => x.batch === 2).every((x) => x.released_at === null)).toBe(true);

    // Resuming a halted rollout is an override: with the failures still at the threshold it halts again.
    await resumeDeployment(ctx.operator, d.id);
    await tickDeployments(ctx.owner.db);
    expect((await getDeployment(ctx.owner, d.id)).status).toBe("halted");
    const rb = await rollbackDeployment(ctx.operator, d.id);
    expect(rb).toMatchObject({ template_version: 1, gateway_count: 6, rollback_of: d.id });
    expect((await getDeployment(ctx.owner, d.id)).status).toBe("superseded");
    const rbRows = await rows(ctx.owner, rb.id);
    expect(rbRows.every((x) => x.released_at)).toBe(true);
    for (const x of rbRows) {
      const cfg = await resolveDesiredConfig(ctx.owner.db, {
        id: x.gateway_id,
        orgId: ctx.org.id,
        instanceId: x.instance_id,
        name: x.name,
      });
      expect(cfg?.yaml).toContain("template: progressive-v1");
      expect(cfg?.hash).toBe(x.config_hash);
    }
    expect((await rows(ctx.owner, d.id)).every((x) => x.superseded_by === rb.id)).toBe(true);

    const actions = (await ctx.owner.db.select().from(auditLog).where(eq(auditLog.orgId, ctx.org.id))).map(
      (a) => a.action,
    );
    expect(actions).toEqual(expect.arrayContaining(["deployment.create", "deployment.halted", "deployment.rollback"]));
    expect(gws).toHaveLength(6);
  });

  it("assigns late joiners, pauses, resumes, cancels and times out silent gateways", async () => {
    const t = await template(ctx.owner, "late", 1);
    const [g0] = await gateways(ctx.owner, "late", 1, { env: "late" });
    const d = await createDeployment(ctx.operator, { template_id: t.id, target: { selector: { env: "late" } } });
    await pauseDeployment(ctx.operator, d.id);
    await expect(pauseDeployment(ctx.operator, d.id)).rejects.toThrow(
      "Only an in-progress deployment can be paused (this one is paused)",
    );
    const [joiner] = await gateways(ctx.owner, "late-joiner", 1, { env: "late" });
    await tickDeployments(ctx.owner.db);
    expect((await rows(ctx.owner, d.id)).map((x) => x.gateway_id)).toEqual([g0.id]); // paused: nobody joins

    await resumeDeployment(ctx.operator, d.id);
    await tickDeployments(ctx.owner.db);
    const joined = (await rows(ctx.owner, d.id)).find((x) => x.gateway_id === joiner.id);
    expect(joined?.released_at).toBeTruthy();

    // Nobody answers: once the apply timeout has passed since release, both gateways are `timeout` (as if 11 s went by).
    await updateSettings(ctx.owner, { "deployments.apply_timeout_seconds": 10 });
    await tickDeployments(ctx.owner.db);
    expect((await rows(ctx.owner, d.id)).map((x) => x.status)).toEqual(["pending", "pending"]);
    await ctx.owner.db
      .update(deploymentGateways)
      .set({ releasedAt: sql`now() - interval '11 seconds'` })
      .where(eq(deploymentGateways.deploymentId, d.id));
    await tickDeployments(ctx.owner.db);
    const timedOut = await rows(ctx.owner, d.id);
    expect(timedOut.map((x) => x.status)).toEqual(["timeout", "timeout"]);
    expect(timedOut[0].error_message).toBe("No config status reported within 10 s");
    expect((await getDeployment(ctx.owner, d.id)).status).toBe("failed");

    const d2 = await createDeployment(ctx.operator, {
      template_id: t.id,
      target: { gateway_ids: [g0.id] },
      strategy: { type: "progressive", batch_size: 1 },
    });
    await cancelDeployment(ctx.operator, d2.id);
    expect((await getDeployment(ctx.owner, d2.id)).status).toBe("cancelled");
    await expect(cancelDeployment(ctx.operator, d2.id)).rejects.toThrow(/can be cancelled \(this one is cancelled\)/);
    const cfg = await resolveDesiredConfig(ctx.owner.db, {
      id: g0.id,
      orgId: ctx.org.id,
      instanceId: g0.instance_id,
      name: g0.name,
    });
    expect(cfg?.source).toMatchObject({ kind: "deployment", deploymentId: d.id }); // back to the older deployment
  });

  it("takes late joiners into a completed selector deployment on tag events, not by scanning every tick", async () => {
    const t = await template(ctx.owner, "joiners", 1);
    const [g0] = await gateways(ctx.owner, "joiners", 1, { env: "joiners" });
    const d = await createDeployment(ctx.operator, { template_id: t.id, target: { selector: { env: "joiners" } } });
    await agentReports(ctx.owner, g0.id, d.id, "applied");
    await tickDeployments(ctx.owner.db);
    expect((await getDeployment(ctx.owner, d.id)).status).toBe("completed");
    const members = async () => (await rows(ctx.owner, d.id)).map((x) => x.gateway_id);

    // Tagged behind the event bus's back: a tick without the late-joiner scan leaves the deployment alone.
    const [quiet] = await gateways(ctx.owner, "joiners-quiet", 1, {});
    await ctx.owner.db
      .insert(agentTags)
      .values({ gatewayId: quiet.id, orgId: ctx.org.id, key: "env", value: "joiners" });
    await tickDeployments(ctx.owner.db, false);
    expect(await members()).toEqual([g0.id]);

    // The running engine scans once at start, then only after config events (the backstop here is 10 minutes).
    const stop = startDeploymentEngine({ database, tickMs: 50, backstopMs: 600_000 });
    try {
      await expect.poll(members, { timeout: 10_000 }).toContain(quiet.id);
      const [joiner] = await gateways(ctx.owner, "joiners-late", 1, { env: "joiners" });
      const tagged = Date.now();
      await expect.poll(members, { timeout: 5_000, interval: 50 }).toContain(joiner.id);
      const row = (await rows(ctx.owner, d.id)).find((x) => x.gateway_id === joiner.id);
      expect(row?.released_at).toBeTruthy();
      expect(Date.now() - tagged).toBeLessThan(5_000);
      const cfg = await resolveDesiredConfig(ctx.owner.db, {
        id: joiner.id,
        orgId: ctx.org.id,
        instanceId: joiner.instance_id,
        name: joiner.name,
      });
      expect(cfg?.source).toMatchObject({ kind: "deployment", deploymentId: d.id });
    } finally {
      await stop();
    }
  }, 60_000);

  it("advances a deployment exactly once when several engine passes race (row lock, SKIP LOCKED)", async () => {
    const t = await template(ctx.owner, "race", 1);
    const gws = await gateways(ctx.owner, "race", 3, { env: "race" });
    const d = await createDeployment(ctx.operator, {
      template_id: t.id,
      target: { selector: "env=race" },
      strategy: { type: "progressive", batch_size: 1 },
    });
    await agentReports(ctx.owner, gws[0].id, d.id, "failed", "boom");
    // On PostgreSQL each pass runs on its own pooled connection: without the row lock every one of them would
    // see the failure, halt the deployment and write its own audit row.
    await Promise.all(Array.from({ length: 5 }, () => tickDeployments(ctx.owner.db)));
    expect((await getDeployment(ctx.owner, d.id)).status).toBe("halted");
    const halts = await ctx.owner.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, d.id), eq(auditLog.action, "deployment.halted")));
    expect(halts).toHaveLength(1);
  });

  it("refuses bad input with clear messages and writes nothing", async () => {
    const other = await makeOrg(database.db, "deploy-other");
    const foreign = await template(other.owner, "foreign", 1);
    const t = await template(ctx.owner, "single", 1);
    const before = (await listDeployments(ctx.owner)).total;
    await expect(
      createDeployment(ctx.operator, { template_id: foreign.id, target: { selector: "env=prod" } }),
    ).rejects.toThrow("Template not found");
    await expect(
      createDeployment(ctx.operator, { template_id: t.id, template_version: 7, target: { selector: "env=prod" } }),
    ).rejects.toThrow("Template version 7 not found");
    await expect(
      createDeployment(ctx.operator, { template_id: t.id, target: { selector: "env=nowhere" } }),
    ).rejects.toThrow("Target matches no gateways");
    await expect(createDeployment(ctx.viewer, { template_id: t.id, target: { selector: "env=prod" } })).rejects.toThrow(
      /requires the operator role/,
    );
    await expect(
      createDeployment(ctx.operator, { template_id: t.id, target: { selector: "env=prod", gateway_ids: [t.id] } }),
    ).rejects.toThrow("exactly one of gateway_ids or selector");
    const [g] = await gateways(ctx.owner, "single", 1, { env: "single" });
    const d = await createDeployment(ctx.operator, { template_id: t.id, target: { gateway_ids: [g.id] } });
    await expect(rollbackDeployment(ctx.operator, d.id)).rejects.toThrow("No previous version to roll back to");
    await expect(rollbackDeployment(ctx.viewer, d.id)).rejects.toThrow(/requires the operator role/);
    await expect(pauseDeployment(ctx.viewer, d.id)).rejects.toThrow(/requires the operator role/);
    await expect(getDeployment(other.owner, d.id)).rejects.toThrow("Deployment not found");
    expect((await listDeployments(ctx.owner)).total).toBe(before + 1);
  });

  it("records many agents' status reports in one write: delivered rows only, the last report of a gateway counts", async () => {
    const t = await template(ctx.owner, "status-batch", 1);
    await gateways(ctx.owner, "sb", 4, { batchtest: "yes" });
    const d = await createDeployment(ctx.operator, {
      template_id: t.id,
      target: { selector: "batchtest=yes" },
      strategy: { type: "progressive", batch_size: 3, pause_seconds: 0, failure_threshold: 10 },
    });
    const r = await rows(ctx.owner, d.id);
    const [a, b, c, later] = r;
    expect(later.released_at).toBeNull();
    for (const x of [a, b, c]) await recordConfigSent(ctx.owner.db, x.gateway_id, x.config_hash!);
    const changed = await recordRemoteConfigStatuses(ctx.owner.db, [
      { gatewayId: a.gateway_id, hashHex: a.config_hash!, status: "applying" },
      { gatewayId: b.gateway_id, hashHex: b.config_hash!, status: "failed", errorMessage: "" },
      { gatewayId: a.gateway_id, hashHex: a.config_hash!, status: "applied" },
      { gatewayId: c.gateway_id, hashHex: "0".repeat(64), status: "applied" }, // another config: no row
      { gatewayId: later.gateway_id, hashHex: c.config_hash!, status: "applied" }, // its batch is not released
    ]);
    expect(changed).toBe(2);
    const after = new Map((await rows(ctx.owner, d.id)).map((x) => [x.gateway_id, x]));
    expect(after.get(a.gateway_id)).toMatchObject({ status: "applied", error_message: null });
    expect(after.get(a.gateway_id)!.finished_at).not.toBeNull();
    expect(after.get(b.gateway_id)).toMatchObject({
      status: "failed",
      error_message: "The agent reported FAILED without a message",
    });
    expect(after.get(c.gateway_id)).toMatchObject({ status: "sent", finished_at: null });
    expect(after.get(later.gateway_id)).toMatchObject({ status: "pending" });
    // The same report again changes nothing; applying clears finished_at.
    expect(
      await recordRemoteConfigStatuses(ctx.owner.db, [
        { gatewayId: a.gateway_id, hashHex: a.config_hash!, status: "applied" },
      ]),
    ).toBe(0);
    expect(
      await recordRemoteConfigStatus(ctx.owner.db, a.gateway_id, { hashHex: a.config_hash!, status: "applying" }),
    ).toBe(1);
    expect((await rows(ctx.owner, d.id)).find((x) => x.gateway_id === a.gateway_id)).toMatchObject({
      status: "applying",
      finished_at: null,
    });
  });
});
