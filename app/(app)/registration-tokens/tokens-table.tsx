"use client";
import { Button } from "@/app/_components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import { StatusBadge } from "@/app/_components/status-badge";
import { revokeRegistrationTokenAction } from "./actions";

export type TokenRow = {
  id: string;
  name: string;
  status: "active" | "expired" | "revoked" | "used_up";
  use_count: number;
  max_uses: number | null;
  expires_at: string;
  created_at: string;
};

const uses = (t: TokenRow) => `${t.use_count} / ${t.max_uses ?? "unlimited"}`;

export function TokensTable({ tokens, canRevoke }: { tokens: TokenRow[]; canRevoke: boolean }) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Uses</TableHead>
          <TableHead>Expires</TableHead>
          <TableHead>Created</TableHead>
          <TableHead />
        </TableRow>
      </TableHeader>
      <TableBody>
        {tokens.map((t) => (
          <TableRow key={t.id} data-testid="registration-token-row" data-token-id={t.id}>
            <TableCell className="font-medium">{t.name}</TableCell>
            <TableCell>
              <StatusBadge status={t.status} />
            </TableCell>
            <TableCell className="tabular-nums" data-testid="token-uses">
              {uses(t)}
            </TableCell>
            <TableCell>
              <time dateTime={t.expires_at}>{t.expires_at.slice(0, 16).replace("T", " ")} UTC</time>
            </TableCell>
            <TableCell>
              <time dateTime={t.created_at}>{t.created_at.slice(0, 16).replace("T", " ")} UTC</time>
            </TableCell>
            <TableCell className="text-right">
              {canRevoke && t.status !== "revoked" && (
                <ConfirmDialog
                  trigger={
                    <Button variant="outline" size="sm">
                      Revoke
                    </Button>
                  }
                  title={`Revoke "${t.name}"?`}
                  description="No further gateway can register with this token. Gateways that already registered keep working."
                  confirmLabel="Revoke token"
                  onConfirm={() => revokeRegistrationTokenAction(t.id)}
                />
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
