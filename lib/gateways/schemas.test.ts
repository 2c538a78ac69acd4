import { describe, expect, it } from "vitest";
import { isValidTagKey, isValidTagValue, listGatewaysQuery } from "./schemas";

describe("tag syntax (Kubernetes label style)", () => {
  it.each(["env", "app.kubernetes.io/name", "team_a", "A1", "x".repeat(63), "example.com/" + "y".repeat(63)])(
    "accepts key %s",
    (k) => {
      expect(isValidTagKey(k)).toBe(true);
    },
  );
  it.each(["", "-env", "env-", "x".repeat(64), "a b", "Example.com/x", "/x", "a/", "a/b/c", "k=v", "ünï"])(
    "refuses key %j",
    (k) => {
      expect(isValidTagKey(k)).toBe(false);
    },
  );
  it("accepts empty values and label-like values only", () => {
    expect(isValidTagValue("")).toBe(true);
    expect(isValidTagValue("prod-eu.1")).toBe(true);
    expect(isValidTagValue("a,b")).toBe(false);
    expect(isValidTagValue("x".repeat(64))).toBe(false);
  });
});

describe("list query", () => {
  it("parses tag filters, defaults and bounds", () => {
    expect(listGatewaysQuery.parse({ tag: "env=prod,region" })).toMatchObject({
      tag: [{ key: "env", value: "prod" }, { key: "region" }],
      sort: "name",
      order: "asc",
      page: 1,
      limit: 50,
    });
    expect(listGatewaysQuery.parse({ tag: "env=" }).tag).toEqual([{ key: "env", value: "" }]);
    expect(listGatewaysQuery.safeParse({ tag: "bad key" }).success).toBe(false);
    expect(listGatewaysQuery.safeParse({ limit: "201" }).success).toBe(false);
    expect(listGatewaysQuery.safeParse({ page: "0" }).success).toBe(false);
    expect(listGatewaysQuery.safeParse({ sort: "hostname" }).success).toBe(false);
  });
});
