"use server";
import { z } from "zod";
import { AUDIT_PAGE_SIZE, listAuditPage } from "@/lib/audit/queries";
import { action } from "@/lib/ui/action";

export const listAuditLogAction = action(z.int().min(1), (ctx, page) =>
  listAuditPage(ctx, { page, limit: AUDIT_PAGE_SIZE }),
);
