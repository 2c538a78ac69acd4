import { ForbiddenError } from "../errors";

export const ROLES = ["owner", "admin", "operator", "viewer"] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2, owner: 3 };

export function hasRole(role: Role, atLeast: Role): boolean {
  return RANK[role] >= RANK[atLeast];
}

/** The one place that says who may do what: each write action and the least role that may do it. Reads need a member. */
export const ACTION_ROLES = {
  "gateways.restart": "operator",
  "gateways.rotate_token": "operator",
  "gateways.delete": "operator",
  "gateways.set_tags": "operator",
  "agent_tags.add": "operator",
  "agent_tags.remove": "operator",
  "supervisor_agents.restart": "operator",
  "supervisor_agents.push_config": "operator",
  "ingress_routes.register": "operator",
  "ingress_routes.unregister": "operator",
  "ingress_routes.sync": "operator",
  "ingress_routes.release": "operator",
  "templates.create": "operator",
  "templates.save_version": "operator",
  "templates.update": "operator",
  "templates.set_base": "operator",
  "templates.delete": "operator",
  "deployments.create": "operator",
  "deployments.pause": "operator",
  "deployments.resume": "operator",
  "deployments.cancel": "operator",
  "deployments.rollback": "operator",
  "transforms.create": "operator",
  "transforms.save_version": "operator",
  "transforms.update": "operator",
  "transforms.delete": "operator",
  "transforms.rollout": "operator",
  "samples.create": "operator",
  "samples.delete": "operator",
  "captures.start": "operator",
  "metric_references.import": "operator",
  "metric_references.delete": "operator",
  "registration_tokens.create": "admin",
  "registration_tokens.revoke": "admin",
  "api_keys.create": "admin",
  "api_keys.revoke": "admin",
  "settings.update": "admin",
  "agent_ca.manage": "admin",
  "alerts.manage_rules": "operator",
  "alerts.test_channel": "operator",
  "alerts.manage_channels": "admin",
} as const satisfies Record<string, Role>;
export type RoleAction = keyof typeof ACTION_ROLES;

/** Whether the caller may do `action`: verbs check it through requireRole, pages to hide what would be refused. */
export function can(ctx: { role: Role }, action: RoleAction): boolean {
  return hasRole(ctx.role, ACTION_ROLES[action]);
}

/** Throws 403 unless the caller may do `action`. Every write verb calls this first. */
export function requireRole(ctx: { role: Role }, action: RoleAction): void {
  const atLeast = ACTION_ROLES[action];
  if (!hasRole(ctx.role, atLeast)) {
    throw new ForbiddenError(`This action requires the ${atLeast} role or higher (you are ${ctx.role})`);
  }
}
