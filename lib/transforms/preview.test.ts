import { describe, expect, it } from "vitest";
import { previewTransform } from "./preview";
import { compiled, logs, m } from "./processors/fixtures.test-helper";
import type { LogRecord } from "./processors/model";
import { batchSize } from "./processors/otlp-size";
import { parseSamples } from "./samples";

/** The studio's ready example: drop debug logs, parse JSON bodies, redact e-mails. */
const EXAMPLE = compiled(
  "logs",
  ["filter", { error_mode: "ignore", logs: { log_record: [`attributes["level"] == "debug"`] } }],
  [
    "transform",
    {
      error_mode: "ignore",
      log_statements: [
        {
          context: "log",
          statements: [
            String.raw`merge_maps(log.attributes, ParseJSON(log.body), "upsert") where IsString(log.body) and IsMatch(log.body, "^\\s*\\{")`,
          ],
        },
        {
          context: "log",
          statements: [
            String.raw`replace_all_patterns(log.attributes, "value", "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}", "****")`,
            String.raw`replace_pattern(log.body, "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}", "****")`,
          ],
        },
      ],
    },
  ],
);

describe("previewTransform", () => {
  it("reports before/after, changed fields by kind, dropped records and totals", () => {
    const samples = logs([
      { body: '{"user":"bob@example.com","status":200}', attributes: m({ level: "info" }) },
      { body: "debug noise", attributes: m({ level: "debug" }) },
      { body: "plain", attributes: m({ level: "info", tmp: "x" }) },
    ]);
    const r = previewTransform(EXAMPLE, samples);
    expect(r.records.map((x) => x.dropped)).toEqual([false, true, false]);
    expect(r.records[0].changes).toEqual([
      {
        path: "body",
        kind: "redacted",
        before: JSON.stringify('{"user":"bob@example.com","status":200}'),
        after: JSON.stringify('{"user":"****","status":200}'),
      },
      { path: 'attributes["user"]', kind: "added", after: '"****"' },
      { path: 'attributes["status"]', kind: "added", after: "200.0" },
    ]);
    expect(r.records[2].changes).toEqual([]);
    expect(r.totals.recordsIn).toBe(3);
    expect(r.totals.recordsOut).toBe(2);
    expect(r.totals.bytesIn).toBe(batchSize(samples));
    expect(r.totals.bytesOut).toBe(batchSize(r.output));
    expect(r.totals.percentSaved).toBeCloseTo(((r.totals.bytesIn - r.totals.bytesOut) / r.totals.bytesIn) * 100, 0);
    expect(r.steps.map((s) => [s.processorId, s.figures.records])).toEqual([
      ["filter/fg_test_0", 2],
      ["transform/fg_test_1", 2],
    ]);
    const withSteps = {
      ...EXAMPLE,
      processors: EXAMPLE.processors.map((p, i) => ({ ...p, stepIndexes: i === 0 ? [0] : [1, 2] })),
    };
    const perStep = previewTransform(withSteps, samples).steps;
    expect(perStep.map((s) => s.stepIndexes)).toEqual([[0], [1], [2]]);
    expect(perStep[1].figures.bytes).toBeGreaterThan(perStep[0].figures.bytes);
    expect(perStep[2].figures.bytes).toBeLessThan(perStep[1].figures.bytes);
    expect(r.statistical).toBe(false);
  });

  it("does not modify the samples, so the studio can re-run it after every edit", () => {
    const samples = logs([{ body: "a@b.co" }]);
    previewTransform(EXAMPLE, samples);
    const second = previewTransform(EXAMPLE, samples);
    expect((samples.resources[0].scopes[0].items[0] as LogRecord).body).toBe("a@b.co");
    expect(second.records[0].changes[0]).toMatchObject({ kind: "redacted", after: '"****"' });
  });

  it("a config the collector would reject is reported, with the samples shown unchanged", () => {
    const bad = compiled("logs", [
      "transform",
      {
        error_mode: "ignore",
        log_statements: [{ context: "log", statements: [`replace_pattern(log.body, "(?<=x)y", "z")`] }],
      },
    ]);
    const r = previewTransform(bad, logs([{ body: "xy" }]));
    expect(r.configError).toMatch(/^transform\/fg_test_0: replace_pattern: invalid regex/);
    expect(r.records[0]).toMatchObject({ dropped: false, changes: [] });
    const path = compiled("logs", [
      "filter",
      { error_mode: "ignore", logs: { log_record: [`attributes["a"] == "b" or severity == 3`] } },
    ]);
    expect(previewTransform(path, logs([{ body: "x" }])).configError).toBe(
      "filter/fg_test_0: unknown path log.severity",
    );
    const env = compiled("logs", [
      "transform",
      { log_statements: [{ context: "log", statements: [`set(log.body, "\${env:HOME}")`] }] },
    ]);
    expect(previewTransform(env, logs([{ body: "x" }])).configError).toMatch(/config resolver/);
  });

  it("metrics: points are named by attribute set, so a dropped point does not shift the others", () => {
    const samples = parseSamples(
      "metrics",
      JSON.stringify({
        resourceMetrics: [
          {
            scopeMetrics: [
              {
                metrics: [
                  {
                    name: "cpu",
                    sum: {
                      aggregationTemporality: 2,
                      dataPoints: ["idle", "user"].map((state, i) => ({
                        asDouble: i + 1,
                        attributes: [{ key: "state", value: { stringValue: state } }],
                      })),
                    },
                  },
                ],
              },
            ],
          },
        ],
      }),
    );
    const r = previewTransform(
      compiled("metrics", [
        "filter",
        { error_mode: "ignore", metrics: { datapoint: [`attributes["state"] == "idle"`] } },
      ]),
      samples,
    );
    expect(r.records[0].changes).toEqual([
      { path: "data_points", kind: "changed", before: "2", after: "1" },
      { path: 'datapoint{state="idle"}.value', kind: "removed", before: "1.0" },
    ]);
    expect(r.totals).toMatchObject({ dataPointsIn: 2, dataPointsOut: 1, seriesIn: 2, seriesOut: 1 });
  });

  it("times 1,000 log records through the example pipeline", () => {
    const lines = Array.from({ length: 1000 }, (_, i) =>
      i % 3
        ? JSON.stringify({
            user: `u${i}@example.com`,
            status: 200 + (i % 5),
            path: `/api/items/${i}`,
            msg: `served in ${i} ms`,
          })
        : `GET /api/items/${i} 200 from 10.0.0.${i % 255}`,
    );
    const samples = parseSamples("logs", lines.join("\n"));
    previewTransform(EXAMPLE, samples);
    const cpu = process.cpuUsage();
    const started = performance.now();
    const r = previewTransform(EXAMPLE, samples);
    const ms = performance.now() - started;
    const cpuMs = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1000;
    // Wall time on a loaded machine overstates the cost; CPU time is printed beside it.
    console.log(
      `preview of 1,000 log records: ${ms.toFixed(1)} ms wall, ${cpuMs.toFixed(1)} ms CPU (${r.totals.bytesIn} → ${r.totals.bytesOut} bytes)`,
    );
    expect(r.totals.recordsOut).toBe(1000);
  });
});
