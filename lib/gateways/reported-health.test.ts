import { describe, expect, it } from "vitest";
import { summarizeHealth } from "./reported-health";

describe("summarizeHealth", () => {
  it("is healthy when the agent and every component say so", () => {
    expect(summarizeHealth({ healthy: true, componentHealthMap: { "pipeline:logs": { healthy: true } } })).toEqual({
      healthy: true,
      reason: null,
    });
  });

  it("names the deepest unhealthy component and its last_error", () => {
    const report = {
      healthy: false,
      lastError: "a pipeline failed",
      componentHealthMap: {
        "pipeline:logs": { healthy: true },
        "pipeline:traces": {
          healthy: false,
          componentHealthMap: {
            "receiver:otlp": { healthy: true },
            "exporter:otlp": { healthy: false, lastError: "connection refused", status: "StatusRecoverableError" },
          },
        },
      },
    };
    expect(summarizeHealth(report)).toEqual({
      healthy: false,
      reason: "pipeline:traces › exporter:otlp: connection refused",
    });
  });

  it("counts an unhealthy component under a healthy agent, and falls back to the status text", () => {
    expect(
      summarizeHealth({ healthy: true, componentHealthMap: { "exporter:otlp": { healthy: false, status: "Down" } } }),
    ).toEqual({ healthy: false, reason: "exporter:otlp: Down" });
    expect(summarizeHealth({ healthy: false, lastError: "crashed" })).toEqual({ healthy: false, reason: "crashed" });
  });
});
