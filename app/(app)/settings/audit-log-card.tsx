import type { Ctx } from "@/lib/auth/context";
import { AUDIT_PAGE_SIZE, listAuditPage } from "@/lib/audit/queries";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { AuditLogTable } from "./audit-log-table";

export async function AuditLogCard({ ctx }: { ctx: Ctx }) {
  const first = await listAuditPage(ctx, { page: 1, limit: AUDIT_PAGE_SIZE });
  return (
    <Card className="mt-6">
      <CardHeader>
        <CardTitle>Audit log</CardTitle>
        <CardDescription>Every change made in this organization, newest first.</CardDescription>
      </CardHeader>
      <CardContent>
        {/* A new newest row (after any change on this page) resets the table to page 1. */}
        <AuditLogTable key={first.items[0]?.id ?? "empty"} initial={first} />
      </CardContent>
    </Card>
  );
}
