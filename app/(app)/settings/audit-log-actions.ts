"use server";
import { requireSessionContext } from "@/lib/auth/session";
import { actionFailure, type ActionResult } from "@/lib/ui/action-result";
import { AUDIT_PAGE_SIZE, listAuditPage, type AuditPage } from "@/lib/audit/queries";

export async function listAuditLogAction(page: number): Promise<ActionResult<AuditPage>> {
  const ctx = await requireSessionContext();
  try {
    return { ok: true, data: await listAuditPage(ctx, { page: Number.isInteger(page) ? page : 1, limit: AUDIT_PAGE_SIZE }) };
  } catch (err) {
    return actionFailure(err, "audit-log");
  }
}
