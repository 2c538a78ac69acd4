import type { Db } from "@/lib/db/client";
import type { Ctx } from "@/lib/auth/context";
import type { Role } from "@/lib/auth/roles";
import { createOrg } from "@/lib/orgs/create";
import { listAuditPage } from "@/lib/audit/queries";

/** A real context for calling domain verbs directly, as a route handler would after authentication. */
export function makeCtx(db: Db, orgId: string, role: Role = "owner"): Ctx {
  return { db, orgId, role, actor: `system:test-${role}` };
}

let counter = 0;
/** A new organization with a unique name, and owner/viewer contexts for it. */
export async function makeOrg(db: Db, prefix = "org") {
  const org = await createOrg(db, { name: `${prefix}-${Date.now()}-${counter++}` });
  return {
    org,
    owner: makeCtx(db, org.id, "owner"),
    operator: makeCtx(db, org.id, "operator"),
    viewer: makeCtx(db, org.id, "viewer"),
  };
}

/** The org's audit entries, newest first, through the same reader the Settings page and API use. */
export async function auditEntries(ctx: Ctx) {
  return (await listAuditPage(ctx, { limit: 100 })).items;
}
