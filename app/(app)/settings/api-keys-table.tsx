"use client";
import { useTransition, useState } from "react";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { ErrorLine } from "@/app/_components/form-field";
import { SimpleTable, type Column } from "@/app/_components/simple-table";
import { formatTimestamp } from "@/lib/ui/timestamp";
import { revokeApiKeyAction } from "./actions";

export type ApiKeyRow = {
  id: string;
  name: string;
  role: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

const columns: Column<ApiKeyRow>[] = [
  { header: "Name", className: "font-medium", cell: (k) => k.name },
  { header: "Key", cell: (k) => <code className="text-xs">{k.prefix}…</code> },
  { header: "Role", cell: (k) => k.role },
  { header: "Created", cell: (k) => formatTimestamp(k.createdAt) },
  { header: "Last used", cell: (k) => (k.lastUsedAt ? formatTimestamp(k.lastUsedAt) : "never") },
  {
    header: "Status",
    cell: (k) => (k.revokedAt ? <Badge variant="secondary">revoked</Badge> : <Badge variant="success">active</Badge>),
  },
];

export function ApiKeysTable({ keys }: { keys: ApiKeyRow[] }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  if (keys.length === 0)
    return <p className="text-muted-foreground text-sm">No API keys yet. Create one for scripts and CI.</p>;
  const revoke = (k: ApiKeyRow) => {
    if (!confirm(`Revoke API key "${k.name}"? Scripts using it will stop working.`)) return;
    startTransition(async () => {
      const r = await revokeApiKeyAction(k.id);
      setError(r.ok ? null : (r.error ?? "Could not revoke"));
    });
  };
  const revokeColumn: Column<ApiKeyRow> = {
    className: "text-right",
    cell: (k) =>
      !k.revokedAt && (
        <Button variant="outline" size="sm" disabled={pending} onClick={() => revoke(k)}>
          Revoke
        </Button>
      ),
  };
  return (
    <>
      <ErrorLine error={error} />
      <SimpleTable columns={[...columns, revokeColumn]} rows={keys} rowKey={(k) => k.id} rowTestId="api-key-row" />
    </>
  );
}
