import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { transformSamples } from "@/lib/db/schema";
import { createSample } from "@/lib/samples/create";
import { deleteSample } from "@/lib/samples/delete";
import { getSample, listSamples } from "@/lib/samples/queries";
import { deleteExpiredSamples } from "@/lib/samples/store";
import { SAMPLE_MAX_BYTES } from "@/lib/samples/parse";
import { updateSettings } from "@/lib/settings/update";
import { ForbiddenError, InvalidInputError, NotFoundError, PayloadTooLargeError } from "@/lib/errors";
import { openTestDatabase } from "../helpers/db";
import { auditEntries, makeOrg } from "../helpers/ctx";

let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const traces = {
  resourceSpans: [
    {
      resource: { attributes: [{ key: "host.ip", value: { stringValue: "10.9.8.7" } }] },
      scopeSpans: [
        {
          spans: [
            {
              traceId: "5b8efff798038103d269b633813fc60c",
              spanId: "eee19b7ec3c1b174",
              parentSpanId: "0102030405060708",
              name: "GET /users",
              startTimeUnixNano: "1763900000000000000",
              endTimeUnixNano: "1763900000123456789",
              kind: 2,
              attributes: [
                { key: "user.email", value: { stringValue: "carol@example.org" } },
                { key: "http.status_code", value: { intValue: "200" } },
              ],
            },
          ],
        },
      ],
    },
  ],
};

describe("sample verbs", () => {
  it("stores pasted lines masked by the org's PII rules; lists without payload, gets with it; audits", async () => {
    const { owner, viewer } = await makeOrg(database.db, "samples");
    const created = await createSample(owner, {
      name: "checkout logs",
      signal: "logs",
      format: "lines",
      content: "login ok for dave@example.com from 192.168.0.7\n\nat 10:15:30 version 1.22.3 ts=1763900000000000000\n",
    });
    expect(created).toMatchObject({ name: "checkout logs", signal: "logs", source: "paste", record_count: 2 });
    const bodies = (created.payload as any).resourceLogs[0].scopeLogs[0].logRecords.map((r: any) => r.body.stringValue);
    expect(bodies).toEqual(["login ok for **** from ****", "at 10:15:30 version 1.22.3 ts=1763900000000000000"]);
    expect(created.bytes).toBe(Buffer.byteLength(JSON.stringify(created.payload)));
    expect(created.expires_at.getTime() - created.created_at.getTime()).toBe(7 * 86_400_000);

    const page = await listSamples(viewer, {});
    expect(page).toMatchObject({ total: 1, page: 1, limit: 20 });
    expect(page.items[0]).not.toHaveProperty("payload");
    expect((await getSample(viewer, created.id)).payload).toEqual(created.payload);

    await expect(
      createSample(viewer, { name: "x", signal: "logs", format: "lines", content: "a" }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteSample(viewer, created.id)).rejects.toBeInstanceOf(ForbiddenError);
    await deleteSample(owner, created.id);
    await expect(getSample(owner, created.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await auditEntries(owner)).map((e) => e.action)).toEqual(
      expect.arrayContaining(["sample.create", "sample.delete"]),
    );
  });

  it("keeps OTLP/JSON traces as OTLP/JSON (hex ids, int64 strings) and masks span and resource attributes", async () => {
    const { owner } = await makeOrg(database.db, "samples-otlp");
    const s = await createSample(owner, {
      name: "spans",
      signal: "traces",
      format: "otlp_json",
      content: JSON.stringify(traces),
    });
    expect(s.source).toBe("upload");
    const rs = (s.payload as any).resourceSpans[0];
    expect(rs.resource.attributes[0].value.stringValue).toBe("****");
    const span = rs.scopeSpans[0].spans[0];
    expect(span).toMatchObject({
      traceId: traces.resourceSpans[0].scopeSpans[0].spans[0].traceId,
      spanId: "eee19b7ec3c1b174",
      parentSpanId: "0102030405060708",
      startTimeUnixNano: "1763900000000000000",
    });
    expect(span.attributes).toEqual([
      { key: "user.email", value: { stringValue: "****" } },
      { key: "http.status_code", value: { intValue: "200" } },
    ]);
  });

  it("refuses content that is not OTLP/JSON, of the wrong signal, empty, or over 5 MiB; nothing is stored", async () => {
    const { owner } = await makeOrg(database.db, "samples-bad");
    const bad = (signal: "logs" | "metrics" | "traces", format: "lines" | "json" | "otlp_json", content: string) =>
      createSample(owner, { name: "bad", signal, format, content });
    await expect(bad("logs", "otlp_json", "hello world")).rejects.toThrow(
      /Not OTLP\/JSON: expected an ExportLogsServiceRequest object with a "resourceLogs" array/,
    );
    await expect(bad("logs", "otlp_json", JSON.stringify({ foo: 1 }))).rejects.toBeInstanceOf(InvalidInputError);
    await expect(bad("logs", "otlp_json", JSON.stringify(traces))).rejects.toThrow(
      /OTLP\/JSON traces \("resourceSpans"\).*signal is logs/,
    );
    await expect(
      bad("logs", "otlp_json", JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: "nope" }] }] })),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(bad("metrics", "lines", "a line")).rejects.toThrow(/for metrics, upload OTLP\/JSON/);
    await expect(bad("logs", "json", '{"a":1}\nnot json')).rejects.toThrow(/Line 2 is not JSON/);
    await expect(bad("logs", "lines", "\n \n")).rejects.toThrow(/no log records/);
    await expect(bad("logs", "lines", "x".repeat(SAMPLE_MAX_BYTES + 1))).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect((await listSamples(owner, {})).total).toBe(0);
  });

  it("makes one log record per JSON value (array or one per line), objects as body maps", async () => {
    const { owner } = await makeOrg(database.db, "samples-json");
    const a = await createSample(owner, {
      name: "arr",
      signal: "logs",
      format: "json",
      content: '[{"msg":"a"},{"msg":"b","ip":"10.0.0.1"}]',
    });
    const bodies = (a.payload as any).resourceLogs[0].scopeLogs[0].logRecords.map((r: any) => r.body);
    expect(bodies).toEqual([
      { kvlistValue: { values: [{ key: "msg", value: { stringValue: "a" } }] } },
      {
        kvlistValue: {
          values: [
            { key: "msg", value: { stringValue: "b" } },
            { key: "ip", value: { stringValue: "****" } },
          ],
        },
      },
    ]);
    const b = await createSample(owner, {
      name: "lines",
      signal: "logs",
      format: "json",
      content: '{"x":1}\n{"y":[true,"s"]}\n',
    });
    expect(b.record_count).toBe(2);
    expect((b.payload as any).resourceLogs[0].scopeLogs[0].logRecords[1].body).toEqual({
      kvlistValue: {
        values: [{ key: "y", value: { arrayValue: { values: [{ boolValue: true }, { stringValue: "s" }] } } }],
      },
    });
  });

  it("applies the org's PII setting: kinds switched off stay, custom RE2 patterns mask, invalid patterns are refused", async () => {
    const { owner } = await makeOrg(database.db, "samples-pii");
    await expect(
      updateSettings(owner, { pii_redaction: { builtins: [], custom: [{ name: "look", pattern: "(?=x)" }] } }),
    ).rejects.toThrow(/not a valid RE2/);
    await updateSettings(owner, {
      pii_redaction: { builtins: ["email"], custom: [{ name: "employee", pattern: "(?i)emp-[0-9]{5}" }] },
    });
    const s = await createSample(owner, {
      name: "pii",
      signal: "logs",
      format: "lines",
      content: "EMP-12345 a@b.io 10.0.0.1",
    });
    expect((s.payload as any).resourceLogs[0].scopeLogs[0].logRecords[0].body.stringValue).toBe("**** **** 10.0.0.1");
  });

  it("keeps the org's newest samples up to samples.max_count, and deletes expired ones in the sweep", async () => {
    const { owner } = await makeOrg(database.db, "samples-retention");
    const other = await makeOrg(database.db, "samples-retention-other");
    await updateSettings(owner, { "samples.max_count": 2, "samples.max_age_days": 1 });
    const ids = [];
    for (const n of ["one", "two", "three"])
      ids.push((await createSample(owner, { name: n, signal: "logs", format: "lines", content: n })).id);
    await createSample(other.owner, { name: "untouched", signal: "logs", format: "lines", content: "x" });
    const page = await listSamples(owner, {});
    expect(page.items.map((i) => i.name)).toEqual(["three", "two"]);
    expect(page.items[0].expires_at.getTime() - page.items[0].created_at.getTime()).toBe(86_400_000);

    // A day passes for sample "two".
    await database.db
      .update(transformSamples)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(transformSamples.id, ids[1]));
    expect(await deleteExpiredSamples(database.db)).toBe(1);
    expect((await listSamples(owner, {})).items.map((i) => i.name)).toEqual(["three"]);
    expect((await listSamples(other.owner, {})).total).toBe(1);
  });
});
