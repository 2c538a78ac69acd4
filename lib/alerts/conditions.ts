import { and, eq, gte, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { deployments, gateways, registrationTokens } from "../db/schema";
import type { Queryable } from "../db/client";
import { healthSqlCondition } from "../gateways/queries";
import { selectorCondition } from "../deployments/target";
import type { AlertRule } from "./rules";

/** A subject whose condition holds now: a stable id for the state row, and words for people. */
export type Subject = { subject: string; label: string; summary: string };

const DAY_MS = 86_400_000;

function gatewayScope(orgId: string, selector: Record<string, string | null> | undefined) {
  const scope = eq(gateways.orgId, orgId);
  return selector && Object.keys(selector).length ? and(scope, selectorCondition(selector))! : scope;
}

async function gatewaysDown(db: Queryable, rule: AlertRule, now: Date): Promise<Subject[]> {
  const health = rule.params.health ?? ["offline", "unhealthy"];
  const rows = await db
    .select({ id: gateways.id, name: gateways.name, status: gateways.status })
    .from(gateways)
    .where(and(gatewayScope(rule.orgId, rule.params.selector), or(...health.map((h) => healthSqlCondition(h, now)))));
  return rows.map((g) => ({
    subject: `gateway:${g.id}`,
    label: g.name,
    summary: `Gateway ${g.name} is ${g.status === "inactive" ? "offline" : "unhealthy"}`,
  }));
}

/** Only deployments that went wrong after the rule existed: a new rule does not page for last month's failures. */
async function deploymentsFailed(db: Queryable, rule: AlertRule): Promise<Subject[]> {
  const rows = await db
    .select({ id: deployments.id, name: deployments.name, status: deployments.status })
    .from(deployments)
    .where(
      and(
        eq(deployments.orgId, rule.orgId),
        inArray(deployments.status, ["halted", "failed"]),
        gte(deployments.updatedAt, rule.createdAt),
      ),
    );
  return rows.map((d) => ({
    subject: `deployment:${d.id}`,
    label: d.name,
    summary: `Deployment ${d.name} ${d.status}`,
  }));
}

/** Usable registration tokens and gateways' OpAMP tokens (expiry recorded when issued) that expire within N days. */
async function tokensExpiring(db: Queryable, rule: AlertRule, now: Date): Promise<Subject[]> {
  const horizon = new Date(now.getTime() + (rule.params.days ?? 7) * DAY_MS);
  const [regTokens, gwTokens] = await Promise.all([
    db
      .select({ id: registrationTokens.id, name: registrationTokens.name, expiresAt: registrationTokens.expiresAt })
      .from(registrationTokens)
      .where(
        and(
          eq(registrationTokens.orgId, rule.orgId),
          eq(registrationTokens.isActive, true),
          isNull(registrationTokens.revokedAt),
          lte(registrationTokens.expiresAt, horizon),
          or(isNull(registrationTokens.maxUses), sql`${registrationTokens.useCount} < ${registrationTokens.maxUses}`),
        ),
      ),
    db
      .select({ id: gateways.id, name: gateways.name, expiresAt: gateways.opampTokenExpiresAt })
      .from(gateways)
      .where(and(eq(gateways.orgId, rule.orgId), lte(gateways.opampTokenExpiresAt, horizon))),
  ]);
  const when = (d: Date | null) =>
    d && d.getTime() <= now.getTime() ? `expired at ${d.toISOString()}` : `expires at ${d?.toISOString()}`;
  return [
    ...regTokens.map((t) => ({
      subject: `registration_token:${t.id}`,
      label: `registration token ${t.name}`,
      summary: `Registration token ${t.name} ${when(t.expiresAt)}`,
    })),
    ...gwTokens.map((g) => ({
      subject: `opamp_token:${g.id}`,
      label: `OpAMP token of ${g.name}`,
      summary: `The OpAMP token of gateway ${g.name} ${when(g.expiresAt)}`,
    })),
  ];
}

/** Healthy share of the selected gateways (health as the gateway list computes it); an empty fleet never fires. */
async function fleetHealthBelow(db: Queryable, rule: AlertRule, now: Date): Promise<Subject[]> {
  const [row] = await db
    .select({
      total: sql<number>`count(*)::int`,
      healthy: sql<number>`(count(*) filter (where ${healthSqlCondition("healthy", now)}))::int`,
    })
    .from(gateways)
    .where(gatewayScope(rule.orgId, rule.params.selector));
  const total = Number(row.total),
    healthy = Number(row.healthy);
  const threshold = rule.params.threshold_percent ?? 100;
  if (total === 0 || (healthy * 100) / total >= threshold) return [];
  const percent = Math.round((healthy * 1000) / total) / 10;
  return [
    {
      subject: "fleet",
      label: "fleet",
      summary: `${healthy} of ${total} gateways healthy (${percent}%), below ${threshold}%`,
    },
  ];
}

/** The subjects for which the rule's condition holds at `now`. */
export function currentSubjects(db: Queryable, rule: AlertRule, now: Date): Promise<Subject[]> {
  switch (rule.kind) {
    case "gateway_down":
      return gatewaysDown(db, rule, now);
    case "deployment_failed":
      return deploymentsFailed(db, rule);
    case "token_expiring":
      return tokensExpiring(db, rule, now);
    case "fleet_health_below":
      return fleetHealthBelow(db, rule, now);
  }
}
