import { describe, expect, it } from "vitest";
import { chooseMembership } from "./org-choice";

const a = { orgId: "a", orgName: "A" };
const b = { orgId: "b", orgName: "B" };

describe("chooseMembership", () => {
  it("uses the chosen organization when the user belongs to it", () => {
    expect(chooseMembership([a, b], "b")).toBe(b);
  });

  it("falls back to the first membership when nothing or a foreign organization was chosen", () => {
    expect(chooseMembership([a, b], undefined)).toBe(a);
    expect(chooseMembership([a, b], "c")).toBe(a);
  });

  it("gives nothing to a user without memberships, whatever was chosen", () => {
    expect(chooseMembership([], "a")).toBeUndefined();
  });
});
