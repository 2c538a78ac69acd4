import { describe, expect, it } from "vitest";
import { badPathReason } from "./path-guard";

describe("badPathReason", () => {
  it("names malformed encodings, dot segments, NUL and encoded surrogates", () => {
    expect(badPathReason("/api/v1/gateways/%E0%A4%A")).toMatch(/malformed percent-encoding/);
    expect(badPathReason("/api/v1/gateways/%ED%A0%80")).toMatch(/malformed percent-encoding/);
    expect(badPathReason("/api/v1/gateways/%2e%2e/status")).toMatch(/dot segment/);
    expect(badPathReason("/api/v1/gateways/./x")).toMatch(/dot segment/);
    expect(badPathReason("/api/v1/supervisor/agents/a%00b")).toMatch(/NUL/);
  });

  it("accepts ordinary and well-encoded paths", () => {
    expect(badPathReason("/api/v1/gateways/0195f0c2-7a1b-7c3d-8e4f-a1b2c3d4e5f6")).toBeNull();
    expect(badPathReason("/api/v1/supervisor/agents/host%3Aname.%F0%9F%98%80")).toBeNull();
    expect(badPathReason("/api/v1/gateways/")).toBeNull();
  });
});
