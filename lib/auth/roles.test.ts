import { describe, expect, it } from "vitest";
import { ACTION_ROLES, can, hasRole, requireRole } from "./roles";
import { ForbiddenError } from "../errors";

describe("roles", () => {
  it("orders viewer < operator < admin < owner", () => {
    expect(hasRole("owner", "admin")).toBe(true);
    expect(hasRole("admin", "admin")).toBe(true);
    expect(hasRole("operator", "admin")).toBe(false);
    expect(hasRole("viewer", "operator")).toBe(false);
  });

  it("throws a 403 error naming the needed role", () => {
    expect(() => requireRole({ role: "viewer" }, "gateways.restart")).toThrow(ForbiddenError);
    expect(() => requireRole({ role: "viewer" }, "gateways.restart")).toThrow(
      /requires the operator role or higher \(you are viewer\)/,
    );
    expect(() => requireRole({ role: "operator" }, "api_keys.create")).toThrow(/requires the admin role/);
    expect(() => requireRole({ role: "admin" }, "api_keys.create")).not.toThrow();
  });

  it("keeps the thresholds: keys, tokens, settings, the agent CA and alert channels need an admin, every other write an operator", () => {
    const admin = [
      "agent_ca.manage",
      "alerts.manage_channels",
      "api_keys.create",
      "api_keys.revoke",
      "registration_tokens.create",
      "registration_tokens.revoke",
      "settings.update",
    ];
    for (const [action, role] of Object.entries(ACTION_ROLES))
      expect([action, role]).toEqual([action, admin.includes(action) ? "admin" : "operator"]);
  });

  it("can() agrees with requireRole for every role and action", () => {
    for (const role of ["viewer", "operator", "admin", "owner"] as const) {
      for (const action of Object.keys(ACTION_ROLES) as (keyof typeof ACTION_ROLES)[]) {
        const allowed = can({ role }, action);
        expect(allowed).toBe(hasRole(role, ACTION_ROLES[action]));
        if (allowed) expect(() => requireRole({ role }, action)).not.toThrow();
        else expect(() => requireRole({ role }, action)).toThrow(ForbiddenError);
      }
    }
  });
});
