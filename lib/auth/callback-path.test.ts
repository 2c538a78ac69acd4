import { describe, expect, it } from "vitest";
import { safeCallbackPath, signInUrl } from "./callback-path";

describe("safeCallbackPath", () => {
  it("keeps a path on this site with its query and hash", () => {
    expect(safeCallbackPath("/deployments/xyz")).toBe("/deployments/xyz");
    expect(safeCallbackPath("/agents?status=online#top")).toBe("/agents?status=online#top");
  });

  it.each([
    "//evil.com",
    "//evil.com/deployments",
    "https://evil.com",
    "http://evil.com/",
    "/\\evil.com",
    "/\t/evil.com",
    "/\n/evil.com",
    "javascript:alert(1)",
    "evil.com",
    "",
    "/sign-in?callbackUrl=/x",
  ])("refuses %j", (raw) => {
    expect(safeCallbackPath(raw)).toBe("/");
  });

  it("refuses what is not a string", () => {
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath(["/agents"])).toBe("/");
  });
});

describe("signInUrl", () => {
  it("carries the page to return to, and nothing for the dashboard", () => {
    expect(signInUrl("/deployments/xyz?page=2")).toBe("/sign-in?callbackUrl=%2Fdeployments%2Fxyz%3Fpage%3D2");
    expect(signInUrl("/")).toBe("/sign-in");
    expect(signInUrl(null, { error: "NoOrganization" })).toBe("/sign-in?error=NoOrganization");
  });
});
