import { describe, expect, it } from "vitest";
import { hasRole, requireRole } from "./roles";
import { ForbiddenError } from "../errors";

describe("roles", () => {
  it("orders viewer < operator < admin < owner", () => {
    expect(hasRole("owner", "admin")).toBe(true);
    expect(hasRole("admin", "admin")).toBe(true);
    expect(hasRole("operator", "admin")).toBe(false);
    expect(hasRole("viewer", "operator")).toBe(false);
  });

  it("throws a 403 error naming the needed role", () => {
    expect(() => requireRole({ role: "viewer" }, "operator")).toThrow(ForbiddenError);
    expect(() => requireRole({ role: "viewer" }, "operator")).toThrow(/requires the operator role/);
  });
});
