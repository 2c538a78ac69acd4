import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { openTestDatabase } from "../helpers/db";
import { auditEntries, makeOrg } from "../helpers/ctx";
import { settings } from "@/lib/db/schema";
import { AGENT_CHANNEL, type AgentEvent } from "@/lib/events/bus";
import { ForbiddenError, InvalidInputError } from "@/lib/errors";
import { DEFAULT_SETTINGS } from "@/lib/settings/definitions";
import { getSettings, readSettings } from "@/lib/settings/queries";
import { updateSettings } from "@/lib/settings/update";
import { getOpampConfig } from "@/lib/settings/opamp-config";
import { listAuditPage } from "@/lib/audit/queries";
import { createTemplate } from "@/lib/templates/create";
import { DEFAULT_ALLOW_LIST } from "@/lib/validation/types";

let database: Awaited<ReturnType<typeof openTestDatabase>>;
const events: AgentEvent[] = [];
beforeAll(async () => {
  database = await openTestDatabase();
  await database.listen(AGENT_CHANNEL, (p) => events.push(JSON.parse(p)));
});
afterAll(async () => {
  await database?.drop();
});

const KAFKA_CONFIG = `receivers:
  otlp:
    protocols:
      http:
exporters:
  kafka:
    brokers: [kafka:9092]
service:
  pipelines:
    logs:
      receivers: [otlp]
      exporters: [kafka]
`;

describe("org settings", () => {
  it("reads defaults when nothing is stored", async () => {
    const { viewer } = await makeOrg(database.db);
    expect(await getSettings(viewer)).toEqual({
      "components.allow_list": DEFAULT_ALLOW_LIST,
      "opamp.heartbeat_interval_seconds": 30,
      "opamp.max_message_bytes": 4 * 1024 * 1024,
      "deployments.apply_timeout_seconds": 300,
      pii_redaction: { builtins: ["email", "ipv4", "ipv6", "credit_card", "bearer_token", "api_key"], custom: [] },
      "samples.max_count": 50,
      "samples.max_age_days": 7,
      "savings.prices": {
        per_gb_ingested: null,
        per_million_data_points: null,
        per_million_spans: null,
        per_million_log_records: null,
        per_active_series: null,
      },
    });
  });

  it("lets an admin change settings, audits only real changes, and resets with null", async () => {
    const { org, owner } = await makeOrg(database.db);
    const admin = { ...owner, role: "admin" as const };
    const updated = await updateSettings(admin, {
      "deployments.apply_timeout_seconds": 120,
      "opamp.max_message_bytes": 1024 * 1024,
    });
    expect(updated).toMatchObject({ "deployments.apply_timeout_seconds": 120, "opamp.max_message_bytes": 1048576 });
    await updateSettings(admin, { "deployments.apply_timeout_seconds": 120 });
    const audit = await auditEntries(admin);
    expect(audit.map((a) => a.action)).toEqual(["settings.update"]);
    expect(audit[0].details).toEqual({
      changes: {
        "deployments.apply_timeout_seconds": { from: 300, to: 120 },
        "opamp.max_message_bytes": { from: 4194304, to: 1048576 },
      },
    });
    const [row] = await database.db
      .select()
      .from(settings)
      .where(and(eq(settings.orgId, org.id), eq(settings.key, "deployments.apply_timeout_seconds")));
    expect(row.value).toBe("120");
    expect(await updateSettings(admin, { "deployments.apply_timeout_seconds": null })).toMatchObject({
      "deployments.apply_timeout_seconds": 300,
    });
    expect(
      await database.db
        .select()
        .from(settings)
        .where(and(eq(settings.orgId, org.id), eq(settings.key, "deployments.apply_timeout_seconds"))),
    ).toEqual([]);
  });

  it("refuses bad values, unknown keys and empty bodies with clear messages, writing nothing", async () => {
    const { org, owner } = await makeOrg(database.db);
    const cases: [unknown, RegExp][] = [
      [{ "opamp.heartbeat_interval_seconds": 4000 }, /opamp\.heartbeat_interval_seconds: must be 0 \(off\) to 3600/],
      [{ "opamp.heartbeat_interval_seconds": 1.5 }, /must be a whole number of seconds/],
      [{ "opamp.max_message_bytes": 10 }, /must be at least 1024/],
      [{ "deployments.apply_timeout_seconds": "300" }, /must be a number/],
      [{ "components.allow_list": { receivers: ["otlp", "bad type!"] } }, /component types look like otlp/],
      [{ "components.allow_list": { widgets: [] } }, /Unrecognized key/],
      [{ "opamp.heartbeat": 10 }, /Unrecognized key/],
      [{}, /Nothing to update/],
    ];
    for (const [input, message] of cases) {
      await expect(updateSettings(owner, input as never)).rejects.toThrow(message);
      await expect(updateSettings(owner, input as never)).rejects.toBeInstanceOf(InvalidInputError);
    }
    expect(await database.db.select().from(settings).where(eq(settings.orgId, org.id))).toEqual([]);
    expect(await auditEntries(owner)).toEqual([]);
  });

  it("refuses operators and viewers", async () => {
    const { operator, viewer } = await makeOrg(database.db);
    for (const ctx of [operator, viewer]) {
      await expect(updateSettings(ctx, { "opamp.heartbeat_interval_seconds": 10 })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    }
    expect(await getSettings(viewer)).toEqual(DEFAULT_SETTINGS);
  });

  it("publishes a settings event when the heartbeat interval changes, and only then", async () => {
    const { org, owner } = await makeOrg(database.db);
    await updateSettings(owner, { "deployments.apply_timeout_seconds": 60 });
    await updateSettings(owner, { "opamp.heartbeat_interval_seconds": 15 });
    await new Promise((r) => setTimeout(r, 300));
    expect(events.filter((e) => e.type === "settings" && e.orgId === org.id)).toEqual([
      { type: "settings", orgId: org.id },
    ]);
  });

  it("merges a partial allow-list, and template validation follows it", async () => {
    const { owner, operator } = await makeOrg(database.db);
    await expect(createTemplate(operator, { name: "kafka", content: KAFKA_CONFIG })).rejects.toThrow(
      /invalid \(1 error\)/,
    );
    const s = await updateSettings(owner, { "components.allow_list": { exporters: ["otlp", "kafka", "kafka"] } });
    expect(s["components.allow_list"]).toEqual({ ...DEFAULT_ALLOW_LIST, exporters: ["otlp", "kafka"] });
    await expect(createTemplate(operator, { name: "kafka", content: KAFKA_CONFIG })).resolves.toMatchObject({
      latest_version: 1,
    });
  });

  it("falls back to the default for a stored value that no longer parses", async () => {
    const { org, viewer } = await makeOrg(database.db);
    await database.db
      .insert(settings)
      .values({ orgId: org.id, key: "opamp.heartbeat_interval_seconds", value: "not json" });
    expect((await readSettings(database.db, org.id))["opamp.heartbeat_interval_seconds"]).toBe(30);
    expect((await getSettings(viewer))["opamp.heartbeat_interval_seconds"]).toBe(30);
  });
});

describe("OpAMP view and audit log", () => {
  it("derives endpoints from the public URL and reports the org's OpAMP settings", async () => {
    const { owner, viewer } = await makeOrg(database.db);
    await updateSettings(owner, { "opamp.heartbeat_interval_seconds": 45 });
    const previous = process.env.FLOWGATE_PUBLIC_URL;
    process.env.FLOWGATE_PUBLIC_URL = "https://flowgate.example.com/";
    try {
      expect(await getOpampConfig(viewer)).toMatchObject({
        opamp_endpoint: "wss://flowgate.example.com/api/v1/opamp/v1/opamp",
        opamp_http_endpoint: "https://flowgate.example.com/api/v1/opamp/v1/opamp",
        otlp_metrics_endpoint: "https://flowgate.example.com/api/v1/otlp/v1/metrics",
        heartbeat_interval_seconds: 45,
        max_message_bytes: 4194304,
        server_capabilities: {
          value: 0x27,
          names: ["AcceptsStatus", "OffersRemoteConfig", "AcceptsEffectiveConfig", "OffersConnectionSettings"],
        },
      });
    } finally {
      if (previous === undefined) delete process.env.FLOWGATE_PUBLIC_URL;
      else process.env.FLOWGATE_PUBLIC_URL = previous;
    }
  });

  it("pages the audit log newest first, and never shows another org's rows", async () => {
    const a = await makeOrg(database.db);
    const b = await makeOrg(database.db);
    for (let i = 1; i <= 5; i++) await updateSettings(a.owner, { "deployments.apply_timeout_seconds": 100 + i });
    const first = await listAuditPage(a.viewer, { page: 1, limit: 2 });
    expect(first).toMatchObject({ total: 5, page: 1, limit: 2 });
    expect(
      first.items.map(
        (i) =>
          (i.details as { changes: Record<string, { to: number }> }).changes["deployments.apply_timeout_seconds"].to,
      ),
    ).toEqual([105, 104]);
    expect(first.items[0]).toMatchObject({
      action: "settings.update",
      actor: "system:test-owner",
      actor_label: "system:test-owner",
      target_type: "settings",
    });
    expect((await listAuditPage(a.viewer, { page: 3, limit: 2 })).items).toHaveLength(1);
    expect(await listAuditPage(b.viewer)).toMatchObject({ total: 0, items: [] });
  });
});
