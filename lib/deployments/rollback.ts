import { and, desc, eq, lt, sql } from "drizzle-orm";
import { deployments, templateVersions } from "../db/schema";
import type { Ctx } from "../auth/context";
import { requireRole } from "../auth/roles";
import { InvalidInputError } from "../errors";
import { parseWith } from "../http/parse";
import { recordAudit } from "../audit/record";
import { rollbackInput } from "./schemas";
import { findTemplateVersion, insertDeployment } from "./create";
import { lockDeployment } from "./lifecycle";
import { supersededByRollback } from "./transitions";

export const NO_PREVIOUS_VERSION = "No previous version to roll back to";

/**
 * Rolls a deployment back: a new deployment of the template's previous version to the same target, all at once
 * unless a strategy is given. Being newer, it takes every gateway over; the original, if still rolling out, is
 * marked superseded so it releases nothing more.
 */
export async function rollbackDeployment(ctx: Ctx, id: string, input: unknown = {}) {
  requireRole(ctx, "deployments.rollback");
  const { strategy } = parseWith(rollbackInput, input ?? {});
  return ctx.db.transaction(async (tx) => {
    const original = await lockDeployment(tx, ctx.orgId, id);
    const [current] = await tx
      .select({ version: templateVersions.version })
      .from(templateVersions)
      .where(eq(templateVersions.id, original.templateVersionId));
    const [previous] = await tx
      .select({ version: templateVersions.version })
      .from(templateVersions)
      .where(and(eq(templateVersions.templateId, original.templateId), lt(templateVersions.version, current.version)))
      .orderBy(desc(templateVersions.version))
      .limit(1);
    if (!previous) throw new InvalidInputError(NO_PREVIOUS_VERSION);
    const version = await findTemplateVersion(tx, ctx.orgId, original.templateId, previous.version);
    const { deployment, gatewayCount } = await insertDeployment(tx, ctx, {
      name: `Rollback of ${original.name} to v${version.version}`,
      version,
      target: original.target,
      strategy: strategy ?? { type: "all_at_once" },
      rollbackOf: original.id,
    });
    if (supersededByRollback(original.status)) {
      await tx
        .update(deployments)
        .set({ status: "superseded", finishedAt: sql`now()`, updatedAt: sql`now()` })
        .where(eq(deployments.id, original.id));
    }
    await recordAudit(tx, ctx, {
      action: "deployment.rollback",
      targetType: "deployment",
      targetId: deployment.id,
      details: {
        rollback_of: original.id,
        from_version: current.version,
        to_version: version.version,
        gateways: gatewayCount,
      },
    });
    return {
      id: deployment.id,
      name: deployment.name,
      status: deployment.status,
      rollback_of: original.id,
      template_version: version.version,
      gateway_count: gatewayCount,
    };
  });
}
