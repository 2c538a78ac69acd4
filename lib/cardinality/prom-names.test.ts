import { describe, expect, it } from "vitest";
import { candidateNames, prometheusName } from "./prom-names";

describe("prometheusName (the collector's translation)", () => {
  it("adds unit words and type suffixes", () => {
    expect(prometheusName({ name: "http.server.duration", unit: "ms", type: "histogram", monotonic: false })).toBe(
      "http_server_duration_milliseconds",
    );
    expect(prometheusName({ name: "http.server.request.size", unit: "By", type: "sum", monotonic: true })).toBe(
      "http_server_request_size_bytes_total",
    );
    expect(prometheusName({ name: "system.cpu.utilization", unit: "1", type: "gauge", monotonic: false })).toBe(
      "system_cpu_utilization_ratio",
    );
    expect(prometheusName({ name: "net.io", unit: "By/s", type: "gauge", monotonic: false })).toBe(
      "net_io_bytes_per_second",
    );
    // Curly-brace units are annotations: dropped. "total" moves to the end.
    expect(prometheusName({ name: "requests.total.count", unit: "{requests}", type: "sum", monotonic: true })).toBe(
      "requests_count_total",
    );
    expect(prometheusName({ name: "queue_size_seconds", unit: "s", type: "gauge", monotonic: false })).toBe(
      "queue_size_seconds",
    );
    expect(prometheusName({ name: "5xx.count", unit: "", type: "sum", monotonic: false })).toBe("_5xx_count");
    // Colons stay; runs of separators collapse with suffixes, underscores stay without them.
    expect(prometheusName({ name: "job:http__reqs.rate", unit: "", type: "gauge", monotonic: false })).toBe(
      "job:http_reqs_rate",
    );
    expect(prometheusName({ name: "a__b.c", unit: "s", type: "gauge", monotonic: false }, false)).toBe("a__b_c");
    expect(prometheusName({ name: "disk.io.rate", unit: "By/s", type: "sum", monotonic: true })).toBe(
      "disk_io_rate_bytes_per_second_total",
    );
  });

  it("offers the suffixed, unsuffixed and raw names (UTF-8, with and without suffixes), with histogram series", () => {
    expect(
      candidateNames({ name: "http.server.duration", unit: "ms", type: "histogram", monotonic: false }).sort(),
    ).toEqual(
      [
        "http.server.duration",
        "http.server.duration_bucket",
        "http.server.duration_count",
        "http.server.duration_sum",
        "http.server.duration_milliseconds",
        "http.server.duration_milliseconds_bucket",
        "http.server.duration_milliseconds_count",
        "http.server.duration_milliseconds_sum",
        "http_server_duration",
        "http_server_duration_bucket",
        "http_server_duration_count",
        "http_server_duration_milliseconds",
        "http_server_duration_milliseconds_bucket",
        "http_server_duration_milliseconds_count",
        "http_server_duration_milliseconds_sum",
        "http_server_duration_sum",
      ].sort(),
    );
  });
});

describe("candidateNames of a UTF-8 counter", () => {
  it("moves _total after the unit, as the translator's UTF-8 mode does", () => {
    expect(candidateNames({ name: "requests.total", unit: "By", type: "sum", monotonic: true })).toContain(
      "requests_bytes_total",
    );
    expect(candidateNames({ name: "requests.total", unit: "By", type: "sum", monotonic: true })).toContain(
      "requests.total",
    );
  });
});
