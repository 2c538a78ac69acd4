import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { startServer, type TestServer } from "../helpers/server";
import { validateCollectorConfig } from "@/lib/validation/validate";
import { config, deployFixture, waitFor, WsCollector } from "./deployments-fixtures";
import { LOG_STEPS, LOG_STEPS_V2, METRIC_STEPS } from "./transforms-fixtures";

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

const SAMPLES = ["user a@example.com logged in", "debug noise", "payment failed"].join("\n");

describe("transforms REST API (real server)", () => {
  it("creates, versions, diffs, compiles and previews; bad input gets a clear status and writes nothing", async () => {
    const create = (body: Record<string, unknown>, key?: string) => fx.api("POST", "/api/v1/transforms", body, key);
    const bad: Array<[Record<string, unknown>, number, string | RegExp]> = [
      [{ name: "Bad Name", signal: "logs" }, 400, /^name: name must be 1-63 lowercase/],
      [{ name: "x", signal: "events" }, 400, /signal must be logs, metrics or traces/],
      [
        { name: "x", signal: "logs", steps: [{ kind: "parse_regex", pattern: "(?<a>x" }] },
        400,
        /^Step 1 \(parse_regex\): pattern: invalid regex/,
      ],
      [
        { name: "x", signal: "metrics", steps: [LOG_STEPS[1]] },
        400,
        /^Step 1 \(set_attribute\): kind: step kind "set_attribute" is not available for metrics/,
      ],
      [
        {
          name: "x",
          signal: "logs",
          steps: [
            { kind: "severity_from_field", field: "meta.level", mapping: [{ severity: "ERROR", values: ["e"] }] },
          ],
        },
        400,
        /^Step 1 \(severity_from_field\): field: unknown path/,
      ],
      [{ name: "x", signal: "logs", steps: [{ kind: "teleport" }] }, 400, /^Step 1 \(teleport\): kind: /],
    ];
    for (const [body, status, detail] of bad) {
      const r = await create(body);
      expect([r.status, r.json.detail], JSON.stringify(body)).toEqual([status, expect.stringMatching(detail)]);
    }
    const viewer = await create({ name: "x", signal: "logs", steps: LOG_STEPS }, viewerKey);
    expect([viewer.status, viewer.json.detail]).toEqual([
      403,
      "This action requires the operator role or higher (you are viewer)",
    ]);
    expect((await fx.api("GET", "/api/v1/transforms")).json).toEqual({ items: [], total: 0, page: 1, limit: 20 });

    const made = await create({ name: "drop-debug", signal: "logs", description: "Drop debug logs", steps: LOG_STEPS });
    expect(made.status).toBe(201);
    const id = made.json.id as string;
    expect((await create({ name: "drop-debug", signal: "logs" })).status).toBe(409);

    const v2 = await fx.api("POST", `/api/v1/transforms/${id}/versions`, {
      steps: LOG_STEPS_V2,
      base_version: 1,
      message: "passwords",
    });
    expect([v2.status, v2.json.version]).toEqual([201, 2]);
    const stale = await fx.api("POST", `/api/v1/transforms/${id}/versions`, { steps: LOG_STEPS, base_version: 1 });
    expect([stale.status, stale.json]).toEqual([
      409,
      { detail: "Transform was changed by someone else (now at version 2)", latest_version: 2 },
    ]);
    const wrong = await fx.api("POST", `/api/v1/transforms/${id}/versions`, { steps: METRIC_STEPS, base_version: 2 });
    expect([wrong.status, wrong.json.detail]).toEqual([
      400,
      expect.stringMatching(/^Step 1 \(drop_metrics\): kind: .* not available for logs/),
    ]);

    const list = (await fx.api("GET", "/api/v1/transforms?signal=logs", undefined, viewerKey)).json;
    expect(list).toMatchObject({
      total: 1,
      items: [{ id, name: "drop-debug", signal: "logs", latest_version: 2, used_by: [] }],
    });
    expect((await fx.api("GET", "/api/v1/transforms?signal=bogus")).status).toBe(400);
    expect((await fx.api("GET", `/api/v1/transforms/${id}`, undefined, viewerKey)).json.latest).toMatchObject({
      version: 2,
      message: "passwords",
    });
    expect((await fx.api("GET", "/api/v1/transforms/not-a-uuid")).json).toEqual({ detail: "Transform not found" });
    expect((await fx.api("GET", "/api/v1/transforms/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect(
      (await fx.api("PATCH", `/api/v1/transforms/${id}`, { description: "Drop debug, keep the rest" })).json
        .description,
    ).toBe("Drop debug, keep the rest");
    expect(
      (await fx.api("GET", `/api/v1/transforms/${id}/versions`)).json.items.map((v: { version: number }) => v.version),
    ).toEqual([2, 1]);
    expect((await fx.api("GET", `/api/v1/transforms/${id}/versions/1`)).json.steps).toHaveLength(2);
    expect((await fx.api("GET", `/api/v1/transforms/${id}/versions/abc`)).status).toBe(400);
    expect((await fx.api("GET", `/api/v1/transforms/${id}/versions/9`)).json).toEqual({
      detail: "Transform version 9 not found",
    });
    const diff = (await fx.api("GET", `/api/v1/transforms/${id}/diff?from=1&to=2`)).json;
    expect(diff.diff).toContain("+- kind: delete_attributes");
    expect((await fx.api("GET", `/api/v1/transforms/${id}/diff?from=1`)).status).toBe(400);

    const compiled = (await fx.api("GET", `/api/v1/transforms/${id}/versions/2/compile`, undefined, viewerKey)).json;
    expect(compiled.validation).toEqual({ valid: true, errors: [], warnings: [] });
    expect(compiled.yaml).toMatch(/^processors:\n {2}filter\/fg_drop_debug_v2:/);

    // Preview: saved latest version, unsaved steps, and the size caps.
    const pv = await fx.api("POST", `/api/v1/transforms/${id}/preview`, { samples: SAMPLES }, viewerKey);
    expect(pv.status).toBe(200);
    expect(pv.json).toMatchObject({ transform_id: id, version: 2, signal: "logs", totals: { recordsIn: 3 } });
    expect(pv.json.records[0].after).toMatchObject({ 'attributes["env"]': expect.stringContaining("prod") });
    const unsaved = await fx.api("POST", "/api/v1/transforms/preview", {
      signal: "logs",
      samples: SAMPLES,
      steps: [{ kind: "drop_records", conditions: [{ type: "body_matches", pattern: "noise" }] }],
    });
    expect(unsaved.json.totals).toMatchObject({ recordsIn: 3, recordsOut: 2 });
    expect(unsaved.json.records.map((r: { dropped: boolean }) => r.dropped)).toEqual([false, true, false]);
    const badStep = await fx.api("POST", "/api/v1/transforms/preview", {
      signal: "logs",
      samples: SAMPLES,
      steps: [{ kind: "parse_regex", pattern: "(" }],
    });
    expect([badStep.status, badStep.json.detail]).toEqual([
      400,
      expect.stringMatching(/^Step 1 \(parse_regex\): pattern: invalid regex/),
    ]);
    const huge = await fx.api("POST", "/api/v1/transforms/preview", {
      signal: "logs",
      steps: [],
      samples: "x".repeat(3 * 1024 * 1024),
    });
    expect([huge.status, huge.json.detail]).toEqual([413, expect.stringMatching(/^Request body exceeds/)]);
    const many = await fx.api("POST", `/api/v1/transforms/${id}/preview`, {
      samples: Array.from({ length: 1001 }, (_, i) => `line ${i}`).join("\n"),
    });
    expect([many.status, many.json.detail]).toEqual([
      413,
      "The samples hold 1001 records; a preview takes at most 1000",
    ]);
    expect((await fx.api("POST", `/api/v1/transforms/${id}/preview`, { samples: "{}", format: "otlp" })).status).toBe(
      400,
    );

    expect((await fx.api("DELETE", `/api/v1/transforms/${id}`, undefined, viewerKey)).status).toBe(403);
    expect((await fx.api("DELETE", `/api/v1/transforms/${id}`)).status).toBe(204);
    expect((await fx.api("GET", `/api/v1/transforms/${id}`)).status).toBe(404);
  });

  it(
    "a template referencing a transform reaches the gateway as plain collector YAML; rollout versions and deploys it",
    { timeout: 90_000 },
    async () => {
      const t = await fx.api("POST", "/api/v1/transforms", { name: "edge-logs", signal: "logs", steps: LOG_STEPS });
      const content = config("tf").replace("processors: [batch]", "processors: [flowgate_transform/edge-logs, batch]");
      const templateId = await fx.template("with-transform", [content]);

      // Refused at save: an unknown transform, a missing version, the wrong signal; each at its line.
      const refused = await fx.api("POST", `/api/v1/templates/${templateId}/versions`, {
        base_version: 1,
        content: content.replace("flowgate_transform/edge-logs", "flowgate_transform/edge-logs@5"),
      });
      expect(refused.status).toBe(400);
      expect(refused.json.validation.errors).toEqual([
        {
          message: 'Transform "edge-logs" has no version 5 (latest is 1)',
          line: 15,
          column: 20,
          path: "service.pipelines.logs.processors.0",
        },
      ]);
      const metrics = await fx.api("POST", "/api/v1/transforms", {
        name: "go-metrics",
        signal: "metrics",
        steps: METRIC_STEPS,
      });
      const mismatch = await fx.api("POST", "/api/v1/validation", {
        config_yaml: content.replace("edge-logs", "go-metrics"),
      });
      expect(mismatch.json.errors).toEqual([
        expect.objectContaining({
          line: 15,
          message: 'Transform "go-metrics" is for metrics, but pipeline "logs" carries logs',
        }),
      ]);
      expect((await fx.api("POST", "/api/v1/validation", { config_yaml: content })).json).toMatchObject({
        valid: true,
        errors: [],
      });
      expect((await fx.api("DELETE", `/api/v1/transforms/${metrics.json.id}`)).status).toBe(204);

      const gw = await fx.registerGateway("tf-gw-1");
      const collector = await WsCollector.start(fx.wsUrl, "tf-gw-1", gw.opamp_token);
      collectors.push(collector);
      const dry = (await fx.api("POST", "/api/v1/validation/dry-run", { gateway_id: gw.id, template_id: templateId }))
        .json;
      const dryYaml = dry.agent_config_map.config_map[""].body as string;
      expect(dryYaml).not.toContain("flowgate_transform/");
      expect(
        (parse(dryYaml) as { service: { pipelines: { logs: { processors: string[] } } } }).service.pipelines.logs
          .processors,
      ).toEqual(["filter/fg_edge_logs_v1", "transform/fg_edge_logs_v1", "batch"]);
      expect(dry.validation).toMatchObject({ valid: true });

      const d = await fx.api("POST", "/api/v1/deployments", {
        template_id: templateId,
        target: { gateway_ids: [gw.id] },
      });
      expect(d.status).toBe(201);
      await fx.statusIs(d.json.id, "completed");
      const effective = async () =>
        (await fx.api("GET", `/api/v1/gateways/${gw.id}/config`)).json.effective_config_yaml as string | null;
      const running = await waitFor(async () => {
        const y = await effective();
        return y?.includes("fg_edge_logs_v1") && y;
      }, 10_000);
      expect(running).not.toContain("flowgate_transform/");
      expect(running).toContain("# tf for tf-gw-1");
      expect(validateCollectorConfig(running)).toMatchObject({ valid: true, errors: [] });

      expect((await fx.api("GET", `/api/v1/transforms/${t.json.id}`)).json.used_by).toEqual([
        {
          template_id: templateId,
          template_name: "with-transform",
          template_version: 1,
          transform_version: 1,
          pinned: false,
        },
      ]);
      const del = await fx.api("DELETE", `/api/v1/transforms/${t.json.id}`);
      expect([del.status, del.json.detail]).toEqual([
        409,
        'Transform is used by template "with-transform"; remove it from those templates first',
      ]);

      // Save and roll out: v2, a new template version, a deployment to the gateway that runs the template.
      const viewerRollout = await fx.api(
        "POST",
        `/api/v1/transforms/${t.json.id}/rollout`,
        { steps: LOG_STEPS_V2, base_version: 1 },
        viewerKey,
      );
      expect(viewerRollout.status).toBe(403);
      const rollout = await fx.api("POST", `/api/v1/transforms/${t.json.id}/rollout`, {
        steps: LOG_STEPS_V2,
        base_version: 1,
        message: "drop passwords",
        deploy: { strategy: { type: "progressive", batch_size: 1 } },
      });
      expect(rollout.status).toBe(200);
      expect(rollout.json).toMatchObject({
        transform: { id: t.json.id, name: "edge-logs", version: 2 },
        saved_version: { version: 2, message: "drop passwords" },
        templates: [{ template_id: templateId, template_name: "with-transform", status: "saved", version: 2 }],
        deployments: [{ template_id: templateId, status: "created", gateway_count: 1 }],
      });
      const tv = (await fx.api("GET", `/api/v1/templates/${templateId}/versions/2`)).json;
      expect(tv).toMatchObject({ message: "transform edge-logs v2", content });
      await fx.statusIs(rollout.json.deployments[0].deployment_id, "completed");
      const after = await waitFor(async () => {
        const y = await effective();
        return y?.includes("fg_edge_logs_v2") && y;
      }, 10_000);
      expect(after).not.toContain("fg_edge_logs_v1");

      // Nothing left to do: the template already uses v2.
      const again = await fx.api("POST", `/api/v1/transforms/${t.json.id}/rollout`, {});
      expect(again.json.templates).toEqual([
        { template_id: templateId, template_name: "with-transform", status: "up_to_date", version: 2 },
      ]);
      const audit = (await fx.api("GET", "/api/v1/settings/audit-log?limit=100")).json;
      expect(audit.items.map((e: { action: string }) => e.action)).toEqual(
        expect.arrayContaining(["transform.rollout", "transform.version", "template.version", "deployment.create"]),
      );
    },
  );
});
