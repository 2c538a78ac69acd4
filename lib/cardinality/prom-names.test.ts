import { describe, expect, it } from "vitest";
import { candidateNames, prometheusName, type MetricShape } from "./prom-names";

describe("prometheusName (the collector's translation)", () => {
  // name, unit, type ("sum+" is a monotonic sum), then the translated name with suffixes (and without, where asked).
  const cases: [string, string, string, string, string?][] = [
    ["http.server.duration", "ms", "histogram", "http_server_duration_milliseconds"],
    ["http.server.request.size", "By", "sum+", "http_server_request_size_bytes_total"],
    ["system.cpu.utilization", "1", "gauge", "system_cpu_utilization_ratio"],
    ["net.io", "By/s", "gauge", "net_io_bytes_per_second"],
    // Curly-brace units are annotations: dropped. "total" moves to the end.
    ["requests.total.count", "{requests}", "sum+", "requests_count_total"],
    ["queue_size_seconds", "s", "gauge", "queue_size_seconds"],
    ["5xx.count", "", "sum", "_5xx_count"],
    // Colons stay; runs of separators collapse with suffixes, underscores stay without them.
    ["job:http__reqs.rate", "", "gauge", "job:http_reqs_rate"],
    ["a__b.c", "s", "gauge", "a_b_c_seconds", "a__b_c"],
    ["disk.io.rate", "By/s", "sum+", "disk_io_rate_bytes_per_second_total"],
  ];
  it.each(cases)("translates %s (%s, %s) to %s", (name, unit, kind, suffixed, unsuffixed) => {
    const metric = { name, unit, type: kind.replace("+", "") as MetricShape["type"], monotonic: kind.endsWith("+") };
    expect(prometheusName(metric)).toBe(suffixed);
    if (unsuffixed) expect(prometheusName(metric, false)).toBe(unsuffixed);
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
