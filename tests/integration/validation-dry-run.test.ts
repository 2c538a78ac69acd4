import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../helpers/db";
import { makeOrg } from "../helpers/ctx";
import { gateways } from "@/lib/db/schema";
import { collectorConfigMap, hashConfigMap } from "@/lib/config-distribution/config-map";
import { resolveDesiredConfig } from "@/lib/config-distribution/desired";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { createTemplate } from "@/lib/templates/create";
import { setBaseTemplate } from "@/lib/templates/manage";
import { saveTemplateVersion } from "@/lib/templates/save-version";
import { dryRun } from "@/lib/validation/dry-run";
import type { Ctx } from "@/lib/auth/context";

const TEMPLATE = `receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 0.0.0.0:4317
exporters:
  otlp:
    endpoint: backend:4317
    headers:
      x-gateway: \${INSTANCE_ID}
      x-key: \${env:API_KEY}
service:
  pipelines:
    traces:
      receivers: [otlp]
      exporters: [otlp]
`;

let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

async function addGateway(ctx: Ctx, instanceId: string, effectiveConfig: string | null = null) {
  const [g] = await database.db
    .insert(gateways)
    .values({ orgId: ctx.orgId, instanceId, name: `gw ${instanceId}`, effectiveConfig })
    .returning();
  return g;
}

describe("dry run", () => {
  it("renders the exact config map a gateway would receive, with its hash, validation and a diff", async () => {
    const { operator, viewer } = await makeOrg(database.db);
    const current = TEMPLATE.replace("${INSTANCE_ID}", "edge-1").replace("backend:4317", "old-backend:4317");
    const gw = await addGateway(operator, "edge-1", current);
    const t = await createTemplate(operator, { name: "dr", content: TEMPLATE });
    const r = await dryRun(viewer, { template_id: t.id, gateway_id: gw.id });
    const rendered = TEMPLATE.replace("${INSTANCE_ID}", "edge-1");
    expect(r.agent_config_map).toEqual({ config_map: { "": { body: rendered, content_type: "text/yaml" } } });
    expect(r.config_hash).toBe(hashConfigMap(collectorConfigMap(rendered)));
    expect(r).toMatchObject({
      gateway: { id: gw.id, instance_id: "edge-1" },
      source: { kind: "template", template_id: t.id, version: 1 },
      validation: { valid: true, errors: [] },
      current: { has_effective_config: true, desired_config_hash: null },
      changes_desired_config: true,
      added: 1,
      removed: 1,
    });
    expect(r.diff).toContain("-    endpoint: old-backend:4317\n+    endpoint: backend:4317\n");
    expect(r.diff).toContain("${env:API_KEY}");
  });

  it("matches what the gateway is meant to run once that version is its base config", async () => {
    const { operator } = await makeOrg(database.db);
    const gw = await addGateway(operator, "edge-2");
    const t = await createTemplate(operator, { name: "base", content: TEMPLATE });
    await setBaseTemplate(operator, t.id);
    const r = await dryRun(operator, { template_id: t.id, gateway_id: gw.id });
    const desired = await resolveDesiredConfig(database.db, {
      id: gw.id,
      orgId: gw.orgId,
      instanceId: gw.instanceId,
      name: gw.name,
    });
    expect(r.config_hash).toBe(desired?.hash);
    expect(r.changes_desired_config).toBe(false);
    expect(r.current).toMatchObject({ has_effective_config: false });
    expect(r.diff.startsWith("--- gw edge-2 (effective config)\n+++ gw edge-2 (dry run)\n@@ -0,0 +1,")).toBe(true);
  });

  it("dry-runs an older version, or inline YAML with its validation errors", async () => {
    const { operator } = await makeOrg(database.db);
    const gw = await addGateway(operator, "edge-3");
    const t = await createTemplate(operator, { name: "multi", content: TEMPLATE });
    await saveTemplateVersion(operator, t.id, {
      content: TEMPLATE.replace("backend:4317", "b2:4317"),
      base_version: 1,
    });
    expect((await dryRun(operator, { template_id: t.id, version: 1, gateway_id: gw.id })).source).toMatchObject({
      version: 1,
    });
    expect((await dryRun(operator, { template_id: t.id, gateway_id: gw.id })).source).toMatchObject({ version: 2 });
    const inline = await dryRun(operator, { config_yaml: "receivers:\n  kafka:\n", gateway_id: gw.id });
    expect(inline.source).toEqual({ kind: "inline" });
    expect(inline.validation.valid).toBe(false);
    expect(inline.validation.errors).toContainEqual(
      expect.objectContaining({ line: 2, message: expect.stringMatching(/Unsupported receiver "kafka"/) }),
    );
  });

  it("answers 404 for another org's gateway or template and unknown versions, 400 for ambiguous input", async () => {
    const a = await makeOrg(database.db);
    const b = await makeOrg(database.db);
    const gwA = await addGateway(a.operator, "a-1");
    const gwB = await addGateway(b.operator, "b-1");
    const tA = await createTemplate(a.operator, { name: "a", content: TEMPLATE });
    await expect(dryRun(b.viewer, { template_id: tA.id, gateway_id: gwB.id })).rejects.toThrow("Template not found");
    await expect(dryRun(b.viewer, { config_yaml: TEMPLATE, gateway_id: gwA.id })).rejects.toThrow("Gateway not found");
    await expect(dryRun(a.viewer, { template_id: tA.id, version: 7, gateway_id: gwA.id })).rejects.toThrow(
      "Template version 7 not found",
    );
    await expect(dryRun(a.viewer, { template_id: tA.id, gateway_id: "nope" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(dryRun(a.viewer, { template_id: tA.id, config_yaml: TEMPLATE, gateway_id: gwA.id })).rejects.toThrow(
      /either template_id .* or config_yaml/,
    );
    await expect(dryRun(a.viewer, { gateway_id: gwA.id })).rejects.toBeInstanceOf(InvalidInputError);
  });
});
