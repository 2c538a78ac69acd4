"use client";
import { ConfirmDialog, type ConfirmTexts } from "@/app/_components/confirm-dialog";
import { SimpleTable, type Column } from "@/app/_components/simple-table";
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
const utc = (at: string) => <time dateTime={at}>{at.slice(0, 16).replace("T", " ")} UTC</time>;

const columns: Column<TokenRow>[] = [
  { header: "Name", className: "font-medium", cell: (t) => t.name },
  { header: "Status", cell: (t) => <StatusBadge status={t.status} /> },
  { header: "Uses", className: "tabular-nums", props: () => ({ "data-testid": "token-uses" }), cell: uses },
  { header: "Expires", cell: (t) => utc(t.expires_at) },
  { header: "Created", cell: (t) => utc(t.created_at) },
];

const revokeTexts = (name: string): ConfirmTexts => ({
  title: `Revoke "${name}"?`,
  description: "No further gateway can register with this token. Gateways that already registered keep working.",
  confirmLabel: "Revoke token",
});

const revokeColumn = (canRevoke: boolean): Column<TokenRow> => ({
  className: "text-right",
  cell: (t) =>
    canRevoke &&
    t.status !== "revoked" && (
      <ConfirmDialog
        trigger="Revoke"
        texts={revokeTexts(t.name)}
        onConfirm={() => revokeRegistrationTokenAction(t.id)}
      />
    ),
});

export function TokensTable({ tokens, canRevoke }: { tokens: TokenRow[]; canRevoke: boolean }) {
  return (
    <SimpleTable
      columns={[...columns, revokeColumn(canRevoke)]}
      rows={tokens}
      rowKey={(t) => t.id}
      rowTestId="registration-token-row"
      rowProps={(t) => ({ "data-token-id": t.id })}
    />
  );
}
