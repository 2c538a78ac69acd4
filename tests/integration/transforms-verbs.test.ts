import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { parse } from "yaml";
import { openTestDatabase } from "../helpers/db";
import { auditEntries, makeOrg } from "../helpers/ctx";
import { templateVersionTransforms, transforms, transformVersions } from "@/lib/db/schema";
import { ConflictError, DomainError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { createTemplate } from "@/lib/templates/create";
import { getTemplateVersion } from "@/lib/templates/queries";
import { saveTemplateVersion } from "@/lib/templates/save-version";
import { createTransform } from "@/lib/transforms/create";
import { deleteTransform } from "@/lib/transforms/delete";
import {
  compileTransformVersion,
  diffTransformVersions,
  getTransform,
  getTransformVersion,
  listTransforms,
  listTransformVersions,
} from "@/lib/transforms/queries";
import { saveTransformVersion } from "@/lib/transforms/save-version";
import { updateTransform } from "@/lib/transforms/update";
import { previewSteps } from "@/lib/transforms/run-preview";
import { createSample } from "@/lib/samples/create";
import { validateCollectorConfig } from "@/lib/validation/validate";
import { LOG_STEPS, LOG_STEPS_V2, METRIC_STEPS, templateWith } from "./transforms-fixtures";

let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

async function caught(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (err) {
    return err as DomainError;
  }
  throw new Error("expected the call to fail");
}

const rowCount = async (orgId: string) => ({
  transforms: Number(
    (await database.db.select({ n: count() }).from(transforms).where(eq(transforms.orgId, orgId)))[0].n,
  ),
  versions: Number(
    (await database.db.select({ n: count() }).from(transformVersions).where(eq(transformVersions.orgId, orgId)))[0].n,
  ),
});

describe("transform verbs", () => {
  it(
    "creates, versions, diffs and compiles; viewers read but cannot write; every write is audited",
    { timeout: 30_000 },
    async () => {
      const { owner, operator, viewer } = await makeOrg(database.db, "tf");
      expect(await caught(createTransform(viewer, { name: "x", signal: "logs", steps: LOG_STEPS }))).toBeInstanceOf(
        ForbiddenError,
      );

      const t = await createTransform(operator, {
        name: "drop-debug",
        signal: "logs",
        description: "Drop debug logs",
        steps: LOG_STEPS,
      });
      expect(t).toMatchObject({
        name: "drop-debug",
        signal: "logs",
        latest_version: 1,
        used_by: [],
        version: { version: 1, message: "Initial version", actor: "system:test-operator" },
      });
      expect(await caught(createTransform(operator, { name: "drop-debug", signal: "logs", steps: [] }))).toBeInstanceOf(
        ConflictError,
      );

      const v2 = await saveTransformVersion(operator, t.id, {
        steps: LOG_STEPS_V2,
        base_version: 1,
        message: "drop passwords",
      });
      expect(v2).toMatchObject({ version: 2, message: "drop passwords" });
      const stale = await caught(saveTransformVersion(owner, t.id, { steps: LOG_STEPS, base_version: 1 }));
      expect(stale).toBeInstanceOf(ConflictError);
      expect(stale.extra).toMatchObject({ latest_version: 2 });
      expect(await caught(saveTransformVersion(owner, t.id, { steps: LOG_STEPS_V2, base_version: 2 }))).toBeInstanceOf(
        InvalidInputError,
      );
      expect(await caught(saveTransformVersion(viewer, t.id, { steps: LOG_STEPS, base_version: 2 }))).toBeInstanceOf(
        ForbiddenError,
      );

      const list = await listTransforms(viewer, { signal: "logs" });
      expect(list).toMatchObject({
        total: 1,
        page: 1,
        limit: 20,
        items: [{ id: t.id, latest_version: 2, used_by: [] }],
      });
      expect((await listTransforms(viewer, { signal: "metrics" })).total).toBe(0);
      expect((await getTransform(viewer, t.id)).latest).toMatchObject({
        version: 2,
        steps: [expect.objectContaining({ kind: "drop_records" }), expect.anything(), expect.anything()],
      });
      expect((await listTransformVersions(viewer, t.id)).items.map((v) => v.version)).toEqual([2, 1]);
      expect((await getTransformVersion(viewer, t.id, 1)).steps).toHaveLength(2);
      expect(await caught(getTransformVersion(viewer, t.id, 9))).toBeInstanceOf(NotFoundError);
      expect(await caught(getTransform(viewer, "not-a-uuid"))).toBeInstanceOf(NotFoundError);

      const diff = await diffTransformVersions(viewer, t.id, 1, 2);
      expect(diff).toMatchObject({ added: 6, removed: 0 });
      expect(diff.diff).toContain("--- drop-debug@v1\n+++ drop-debug@v2\n");
      expect(diff.diff).toContain("+- kind: delete_attributes");

      const compiled = await compileTransformVersion(viewer, t.id, 2);
      expect(compiled.validation).toEqual({ valid: true, errors: [], warnings: [] });
      expect(compiled.processors.map((p) => p.id)).toEqual(["filter/fg_drop_debug_v2", "transform/fg_drop_debug_v2"]);
      expect(Object.keys((parse(compiled.yaml) as { processors: object }).processors)).toEqual(
        compiled.processors.map((p) => p.id),
      );

      const renamed = await updateTransform(operator, t.id, { name: "drop-noise", description: "" });
      expect(renamed).toMatchObject({ name: "drop-noise", description: null });
      expect(await caught(updateTransform(viewer, t.id, { description: "x" }))).toBeInstanceOf(ForbiddenError);

      const actions = (await auditEntries(owner)).map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(["transform.create", "transform.version", "transform.update"]));
      expect(actions.filter((a) => a === "transform.version")).toHaveLength(1);
    },
  );

  it("previews unsaved steps on a stored sample, and refuses a sample of another signal or both sample sources", async () => {
    const { operator } = await makeOrg(database.db, "tf-preview");
    const lines = ["DEBUG cache miss", "ERROR db down for a@b.example", "DEBUG tick"].join("\n");
    const sample = await createSample(operator, { name: "s", signal: "logs", format: "lines", content: lines });
    const steps = [{ kind: "drop_records", conditions: [{ type: "body_matches", pattern: "^DEBUG" }] }];
    const result = await previewSteps(operator, { signal: "logs", steps, sample_id: sample.id });
    expect(result.totals).toMatchObject({ recordsIn: 3, recordsOut: 1 });
    const inline = await previewSteps(operator, { signal: "logs", steps, samples: lines, format: "lines" });
    expect([inline.totals.recordsIn, inline.totals.recordsOut]).toEqual([3, 1]);
    const metricsSteps = [{ kind: "drop_metrics", match: "exact", names: ["x"] }];
    expect(
      (await caught(previewSteps(operator, { signal: "metrics", steps: metricsSteps, sample_id: sample.id }))).message,
    ).toBe('Sample "s" holds logs, not metrics');
    expect(
      await caught(previewSteps(operator, { signal: "logs", steps, samples: lines, sample_id: sample.id })),
    ).toBeInstanceOf(InvalidInputError);
  });

  it("refuses a step for the wrong signal and an invalid regex, naming the step, and writes nothing", async () => {
    const { operator } = await makeOrg(database.db, "tf-bad");
    const wrong = await caught(
      createTransform(operator, { name: "m", signal: "metrics", steps: [...METRIC_STEPS, LOG_STEPS[1]] }),
    );
    expect(wrong).toBeInstanceOf(InvalidInputError);
    expect(wrong.message).toMatch(
      /^Step 2 \(set_attribute\): kind: step kind "set_attribute" is not available for metrics/,
    );
    const regex = await caught(
      createTransform(operator, {
        name: "r",
        signal: "logs",
        steps: [LOG_STEPS[0], { kind: "parse_regex", pattern: "(?<a>x" }],
      }),
    );
    expect(regex.message).toMatch(/^Step 2 \(parse_regex\): pattern: invalid regex/);
    const path = await caught(
      createTransform(operator, {
        name: "p",
        signal: "logs",
        steps: [{ kind: "parse_regex", source: "nope.x", pattern: "(?P<a>x)" }],
      }),
    );
    expect(path.message).toMatch(/^Step 1 \(parse_regex\): source: unknown path/);
    expect(await caught(createTransform(operator, { name: "Bad Name", signal: "logs", steps: [] }))).toBeInstanceOf(
      InvalidInputError,
    );
    expect(await rowCount(operator.orgId)).toEqual({ transforms: 0, versions: 0 });
  });

  it(
    "expands references when a template version is saved, records the pins, and guards delete and rename",
    { timeout: 30_000 },
    async () => {
      const { owner, operator, viewer } = await makeOrg(database.db, "tf-ref");
      const logs = await createTransform(operator, { name: "drop-debug", signal: "logs", steps: LOG_STEPS });
      const metrics = await createTransform(operator, { name: "go-metrics", signal: "metrics", steps: METRIC_STEPS });

      const tpl = await createTemplate(operator, {
        name: "edge",
        content: templateWith("[flowgate_transform/drop-debug, batch]", "[flowgate_transform/go-metrics@1]"),
      });
      expect(tpl.transforms).toEqual(
        expect.arrayContaining([
          { transform_id: logs.id, name: "drop-debug", version: 1, pinned: false },
          { transform_id: metrics.id, name: "go-metrics", version: 1, pinned: true },
        ]),
      );
      const stored = await getTemplateVersion(viewer, tpl.id, 1);
      expect(stored.content).toContain("flowgate_transform/drop-debug");
      const rendered = parse(stored.rendered_content!) as {
        processors: Record<string, unknown>;
        service: { pipelines: Record<string, { processors: string[] }> };
      };
      expect(rendered.service.pipelines.logs.processors).toEqual([
        "filter/fg_drop_debug_v1",
        "transform/fg_drop_debug_v1",
        "batch",
      ]);
      expect(rendered.service.pipelines.metrics.processors).toEqual(["filter/fg_go_metrics_v1"]);
      expect(Object.keys(rendered.processors)).toEqual([
        "batch",
        "filter/fg_drop_debug_v1",
        "transform/fg_drop_debug_v1",
        "filter/fg_go_metrics_v1",
      ]);
      expect(validateCollectorConfig(stored.rendered_content!)).toMatchObject({ valid: true, errors: [] });

      const used = await getTransform(viewer, logs.id);
      expect(used.used_by).toEqual([
        { template_id: tpl.id, template_name: "edge", template_version: 1, transform_version: 1, pinned: false },
      ]);

      const del = await caught(deleteTransform(owner, logs.id));
      expect(del).toBeInstanceOf(ConflictError);
      expect(del.message).toBe('Transform is used by template "edge"; remove it from those templates first');
      expect(await caught(updateTransform(owner, logs.id, { name: "other" }))).toBeInstanceOf(ConflictError);
      expect(await caught(deleteTransform(viewer, metrics.id))).toBeInstanceOf(ForbiddenError);

      // Unpinned: the same text picks up a newer transform version on the next save.
      await saveTransformVersion(operator, logs.id, { steps: LOG_STEPS_V2, base_version: 1 });
      const v2 = await saveTemplateVersion(operator, tpl.id, { content: stored.content, base_version: 1 });
      expect(v2.transforms).toContainEqual({ transform_id: logs.id, name: "drop-debug", version: 2, pinned: false });

      // Once the latest template version no longer references it, the transform can go; older versions keep their rendering.
      await saveTemplateVersion(operator, tpl.id, {
        content: templateWith("[batch]", "[flowgate_transform/go-metrics@1]"),
        base_version: 2,
      });
      await deleteTransform(owner, logs.id);
      expect((await getTemplateVersion(viewer, tpl.id, 1)).rendered_content).toContain("filter/fg_drop_debug_v1");
      const links = await database.db
        .select()
        .from(templateVersionTransforms)
        .where(eq(templateVersionTransforms.transformId, logs.id));
      expect(links).toEqual([]);
      expect((await auditEntries(owner)).map((e) => e.action)).toContain("transform.delete");
    },
  );

  it("refuses unknown transforms, missing versions and signal mismatches at the line of the reference", async () => {
    const { operator } = await makeOrg(database.db, "tf-refbad");
    await createTransform(operator, { name: "drop-debug", signal: "logs", steps: LOG_STEPS });
    const content = templateWith(
      "[flowgate_transform/nope, flowgate_transform/drop-debug@7, batch]",
      "[flowgate_transform/drop-debug]",
    );
    const err = await caught(createTemplate(operator, { name: "bad", content }));
    expect(err).toBeInstanceOf(InvalidInputError);
    const issues = (err.extra as { validation: { errors: { message: string; line: number }[] } }).validation.errors;
    expect(issues).toEqual([
      expect.objectContaining({ line: 15, message: expect.stringMatching(/^Unknown transform "nope"/) }),
      expect.objectContaining({ line: 15, message: 'Transform "drop-debug" has no version 7 (latest is 1)' }),
      expect.objectContaining({
        line: 19,
        message: 'Transform "drop-debug" is for logs, but pipeline "metrics" carries metrics',
      }),
    ]);
  });
});
