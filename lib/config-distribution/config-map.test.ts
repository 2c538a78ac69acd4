import { describe, expect, it } from "vitest";
import { collectorConfigMap, hashConfigMap } from "./config-map";
import { renderTemplate } from "./render";

describe("config map hashing", () => {
  it("is stable, order-independent and sensitive to every part", () => {
    const a = { name: "a", body: "x: 1", contentType: "text/yaml" };
    const b = { name: "b", body: "y: 2", contentType: "text/yaml" };
    expect(hashConfigMap([a, b])).toBe(hashConfigMap([b, a]));
    expect(hashConfigMap([a])).toMatch(/^[0-9a-f]{64}$/);
    expect(hashConfigMap([{ ...a, body: "x: 2" }])).not.toBe(hashConfigMap([a]));
    expect(hashConfigMap([{ ...a, contentType: "" }])).not.toBe(hashConfigMap([a]));
    expect(hashConfigMap([{ name: "ab", body: "c", contentType: "" }])).not.toBe(
      hashConfigMap([{ name: "a", body: "bc", contentType: "" }]),
    );
  });

  it("puts a collector config under the empty name", () => {
    expect(collectorConfigMap("receivers: {}")).toEqual([
      { name: "", body: "receivers: {}", contentType: "text/yaml" },
    ]);
  });
});

describe("template rendering", () => {
  it("fills FlowGate's variables and leaves the collector's own references alone", () => {
    const out = renderTemplate("id: ${INSTANCE_ID}\nname: ${GATEWAY_NAME}\nkey: ${env:DD_API_KEY}\nx: ${UNKNOWN}", {
      id: "g1",
      orgId: "o1",
      instanceId: "gw-7",
      name: "edge",
    });
    expect(out).toBe("id: gw-7\nname: edge\nkey: ${env:DD_API_KEY}\nx: ${UNKNOWN}");
  });
});
