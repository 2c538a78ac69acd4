import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { openTestDatabase } from "../helpers/db";
import { auditEntries, makeOrg } from "../helpers/ctx";
import { alertStates, deploymentGateways, fleetHealthSnapshots, gateways } from "@/lib/db/schema";
import type { Ctx } from "@/lib/auth/context";
import { createAlertRule, deleteAlertRule, updateAlertRule } from "@/lib/alerts/rules";
import { createAlertChannel, deleteAlertChannel, listAlertChannels } from "@/lib/alerts/channels";
import { getAlertRule, listAlertNotifications, listAlertRules } from "@/lib/alerts/queries";
import { evaluateAlertRules } from "@/lib/alerts/evaluate";
import { getFleetHealthHistory, recordFleetHealth } from "@/lib/alerts/snapshots";
import { createRegistrationToken } from "@/lib/registration-tokens/create";
import { revokeRegistrationToken } from "@/lib/registration-tokens/revoke";
import { registerGateway } from "@/lib/gateways/register";
import { recordHeartbeat } from "@/lib/gateways/heartbeat";
import { rotateGatewayToken } from "@/lib/gateways/rotate-token";
import { setGatewayTags } from "@/lib/gateways/tags";
import { createTemplate } from "@/lib/templates/create";
import { createDeployment } from "@/lib/deployments/create";
import { cancelDeployment } from "@/lib/deployments/lifecycle";
import { getDeployment } from "@/lib/deployments/queries";
import { tickDeployments } from "@/lib/deployments/engine";
import { recordConfigSent, recordRemoteConfigStatus } from "@/lib/deployments/rollout-status";

let database: Awaited<ReturnType<typeof openTestDatabase>>;
let o: Awaited<ReturnType<typeof makeOrg>>;

beforeAll(async () => {
  database = await openTestDatabase();
  o = await makeOrg(database.db, "alerts");
}, 60_000);
afterAll(async () => database?.drop());

const MIN = 60_000;
const later = (ms: number) => new Date(Date.now() + ms);
const heartbeat = (c: Ctx, g: { instance_id: string; opamp_token: string }) =>
  recordHeartbeat(c.db, g.opamp_token, g.instance_id, {});

async function gateway(c: Ctx, name: string, tags: Record<string, string> = {}) {
  const { token } = await createRegistrationToken(c, { name: `rt-${name}`, expires_in_days: 365 });
  const g = await registerGateway(c.db, token, { instance_id: name, name });
  if (Object.keys(tags).length) await setGatewayTags(c, g.id, { tags });
  return { ...g, instance_id: name };
}

/** The notifications of one rule, oldest first, as event/subject pairs. */
async function events(c: Ctx, ruleId: string) {
  const { items } = await listAlertNotifications(c, { limit: 200 });
  return items
    .filter((n) => n.rule.id === ruleId)
    .reverse()
    .map((n) => `${n.event} ${n.subject.label}`);
}

describe("alert rules and channels (verbs)", () => {
  it("creates, updates and deletes rules and channels with roles, audit, clear 400s and 404s", async () => {
    await expect(createAlertRule(o.viewer, { name: "x", kind: "deployment_failed" })).rejects.toThrow(
      /requires the operator role/,
    );
    await expect(
      createAlertChannel(o.operator, { name: "x", kind: "webhook", url: "http://127.0.0.1:1/" }),
    ).rejects.toThrow(/requires the admin role/);
    await expect(createAlertRule(o.owner, { name: "x", kind: "nope" } as never)).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/kind must be one of/),
    });
    await expect(
      createAlertRule(o.owner, { name: "x", kind: "token_expiring", params: {} } as never),
    ).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/days is required/) });
    await expect(
      createAlertRule(o.owner, { name: "x", kind: "fleet_health_below", params: { threshold_percent: 150 } }),
    ).rejects.toThrow(/threshold_percent is at most 100/);
    await expect(createAlertRule(o.owner, { name: "", kind: "deployment_failed" })).rejects.toThrow(/name is required/);
    await expect(createAlertChannel(o.owner, { name: "c", kind: "webhook", url: "ftp://x" })).rejects.toThrow(
      /url must be an http\(s\) URL/,
    );
    await expect(
      createAlertRule(o.owner, { name: "x", kind: "deployment_failed", channel_id: crypto.randomUUID() }),
    ).rejects.toThrow(/no such channel/);

    const ch = await createAlertChannel(o.owner, { name: "ops", kind: "slack", url: "http://127.0.0.1:1/hook" });
    expect(ch.secret).toMatch(/^fgwhsec_/);
    expect(JSON.stringify(await listAlertChannels(o.viewer))).not.toContain(ch.secret);
    const rule = await createAlertRule(o.operator, { name: "deploys", kind: "deployment_failed", channel_id: ch.id });
    expect(rule).toMatchObject({ kind: "deployment_failed", channel_id: ch.id, enabled: true });
    expect((await updateAlertRule(o.operator, rule.id, { enabled: false, name: "deploys!" })).enabled).toBe(false);
    await expect(updateAlertRule(o.viewer, rule.id, { enabled: true })).rejects.toMatchObject({ status: 403 });
    await expect(updateAlertRule(o.operator, rule.id, { bogus: 1 } as never)).rejects.toMatchObject({ status: 400 });
    await expect(getAlertRule(o.viewer, "not-a-uuid")).rejects.toMatchObject({ status: 404 });
    const other = await makeOrg(database.db, "alerts-other");
    await expect(getAlertRule(other.owner, rule.id)).rejects.toMatchObject({ status: 404 });
    await expect(deleteAlertRule(other.owner, rule.id)).rejects.toMatchObject({ status: 404 });
    await expect(deleteAlertChannel(other.owner, ch.id)).rejects.toMatchObject({ status: 404 });
    await deleteAlertRule(o.operator, rule.id);
    await deleteAlertChannel(o.owner, ch.id);
    const actions = (await auditEntries(o.owner)).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "alert_rule.create",
        "alert_rule.update",
        "alert_rule.delete",
        "alert_channel.create",
        "alert_channel.delete",
      ]),
    );
    expect(JSON.stringify(await auditEntries(o.owner))).not.toContain(ch.secret);
  });

  it("gateway_down fires after N minutes for the selected gateways only, once, and resolves when the gateway is back", async () => {
    const prod = await gateway(o.owner, "gw-prod", { env: "prod" });
    const dev = await gateway(o.owner, "gw-dev", { env: "dev" });
    await heartbeat(o.owner, prod);
    await heartbeat(o.owner, dev);
    const rule = await createAlertRule(o.operator, {
      name: "prod down",
      kind: "gateway_down",
      params: { selector: { env: "prod" }, for_minutes: 5 },
    });
    await evaluateAlertRules(database.db);
    expect(await events(o.owner, rule.id)).toEqual([]);
    // Ten minutes without a sign of life: unhealthy, pending for the rule's 5 minutes, then firing (once).
    await evaluateAlertRules(database.db, later(10 * MIN));
    expect(await events(o.owner, rule.id)).toEqual([]);
    await evaluateAlertRules(database.db, later(16 * MIN));
    await evaluateAlertRules(database.db, later(17 * MIN));
    expect(await events(o.owner, rule.id)).toEqual(["firing gw-prod"]);
    expect((await listAlertRules(o.viewer)).items.find((r) => r.id === rule.id)?.firing).toBe(1);
    await heartbeat(o.owner, prod);
    await evaluateAlertRules(database.db);
    await evaluateAlertRules(database.db);
    expect(await events(o.owner, rule.id)).toEqual(["firing gw-prod", "resolved gw-prod"]);
    expect(await database.db.select().from(alertStates).where(eq(alertStates.ruleId, rule.id))).toEqual([]);
    await deleteAlertRule(o.owner, rule.id);
  });

  it("deployment_failed fires when a rollout halts and resolves when it is cancelled", async () => {
    const g = await gateway(o.owner, "gw-deploy");
    const g2 = await gateway(o.owner, "gw-deploy-2");
    const rule = await createAlertRule(o.operator, { name: "rollouts", kind: "deployment_failed" });
    const t = await createTemplate(o.owner, {
      name: "alerts-t",
      content:
        "receivers:\n  otlp:\n    protocols:\n      grpc: {}\nexporters:\n  debug: {}\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n",
    });
    const d = await createDeployment(o.operator, {
      template_id: t.id,
      target: { gateway_ids: [g.id, g2.id] },
      strategy: { type: "progressive", batch_size: 1, failure_threshold: 1 },
    });
    const [row] = await database.db
      .select()
      .from(deploymentGateways)
      .where(and(eq(deploymentGateways.deploymentId, d.id), eq(deploymentGateways.gatewayId, g.id)));
    await recordConfigSent(database.db, g.id, row.configHash!);
    await recordRemoteConfigStatus(database.db, g.id, {
      hashHex: row.configHash!,
      status: "failed",
      errorMessage: "boom",
    });
    await tickDeployments(database.db);
    expect((await getDeployment(o.owner, d.id)).status).toBe("halted");
    await evaluateAlertRules(database.db);
    await evaluateAlertRules(database.db);
    expect(await events(o.owner, rule.id)).toEqual([`firing ${d.name}`]);
    await cancelDeployment(o.operator, d.id);
    await evaluateAlertRules(database.db);
    expect(await events(o.owner, rule.id)).toEqual([`firing ${d.name}`, `resolved ${d.name}`]);
    await deleteAlertRule(o.owner, rule.id);
  });

  it("token_expiring fires for registration and OpAMP tokens expiring within N days and resolves when they are revoked or rotated", async () => {
    const org = await makeOrg(database.db, "alerts-tokens");
    const rt = await createRegistrationToken(org.owner, { name: "soon", expires_in_days: 3, max_uses: null });
    await createRegistrationToken(org.owner, { name: "later", expires_in_days: 3650 });
    const g = await registerGateway(org.owner.db, rt.token, { instance_id: "tok-gw", name: "tok-gw" });
    const rule = await createAlertRule(org.operator, { name: "tokens", kind: "token_expiring", params: { days: 7 } });
    await evaluateAlertRules(database.db);
    expect(await events(org.owner, rule.id)).toEqual(["firing registration token soon"]);
    // The OpAMP token (365 days by default) enters the window a year on.
    await evaluateAlertRules(database.db, later(360 * 24 * 60 * MIN));
    expect((await events(org.owner, rule.id)).filter((e) => e.startsWith("firing"))).toEqual([
      "firing registration token soon",
      "firing OpAMP token of tok-gw",
    ]);
    await revokeRegistrationToken(org.owner, rt.id);
    await rotateGatewayToken(org.operator, g.id);
    await evaluateAlertRules(database.db);
    expect((await events(org.owner, rule.id)).filter((e) => e.startsWith("resolved")).sort()).toEqual([
      "resolved OpAMP token of tok-gw",
      "resolved registration token soon",
    ]);
  });

  it("fleet_health_below fires under the threshold and resolves above it; fleet health is recorded once per 5 minutes", async () => {
    const org = await makeOrg(database.db, "alerts-fleet");
    const a = await gateway(org.owner, "fleet-a");
    const b = await gateway(org.owner, "fleet-b");
    await heartbeat(org.owner, a);
    const rule = await createAlertRule(org.operator, {
      name: "fleet",
      kind: "fleet_health_below",
      params: { threshold_percent: 75 },
    });
    await evaluateAlertRules(database.db);
    expect(await events(org.owner, rule.id)).toEqual(["firing fleet"]);
    expect((await listAlertNotifications(org.viewer)).items[0].summary).toBe(
      "1 of 2 gateways healthy (50%), below 75%",
    );
    await heartbeat(org.owner, b);
    await evaluateAlertRules(database.db);
    expect(await events(org.owner, rule.id)).toEqual(["firing fleet", "resolved fleet"]);
    // The list is paged like every other: the firing is the older of the two, so it is alone on page 2 of 1-item pages.
    expect(await listAlertNotifications(org.viewer, { page: 2, limit: 1 })).toMatchObject({
      items: [{ event: "firing", rule: { id: rule.id } }],
      total: 2,
      page: 2,
      limit: 1,
    });

    await recordFleetHealth(database.db);
    await recordFleetHealth(database.db);
    const history = await getFleetHealthHistory(org.viewer);
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({ healthy: 2, warning: 0, unhealthy: 0, offline: 0, unknown: 0 });
    // Eight days on, the gateways are unhealthy and the old bucket falls out of the 7-day window.
    await recordFleetHealth(database.db, later(8 * 24 * 60 * MIN));
    const rows = await database.db
      .select()
      .from(fleetHealthSnapshots)
      .where(eq(fleetHealthSnapshots.orgId, org.org.id));
    expect(rows.map((r) => [r.healthy, r.unhealthy])).toEqual([[0, 2]]);
    expect(
      Number(
        (
          await database.db
            .select({ n: sql<number>`count(*)` })
            .from(gateways)
            .where(eq(gateways.orgId, org.org.id))
        )[0].n,
      ),
    ).toBe(2);
  });
});
