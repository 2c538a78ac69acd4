import { ForbiddenError } from "../errors";

export const ROLES = ["owner", "admin", "operator", "viewer"] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2, owner: 3 };

export function hasRole(role: Role, atLeast: Role): boolean {
  return RANK[role] >= RANK[atLeast];
}

/** Throws 403 unless `role` is at least `atLeast`. Every write verb calls this first. */
export function requireRole(ctx: { role: Role }, atLeast: Role): void {
  if (!hasRole(ctx.role, atLeast)) {
    throw new ForbiddenError(`This action requires the ${atLeast} role or higher (you are ${ctx.role})`);
  }
}
