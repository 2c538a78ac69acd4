"use client";
import { useTransition, useState } from "react";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
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

export function ApiKeysTable({ keys }: { keys: ApiKeyRow[] }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  if (keys.length === 0)
    return <p className="text-muted-foreground text-sm">No API keys yet. Create one for scripts and CI.</p>;
  return (
    <>
      {error && (
        <p role="alert" className="text-destructive text-sm">
          {error}
        </p>
      )}
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Key</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>Created</TableHead>
            <TableHead>Last used</TableHead>
            <TableHead>Status</TableHead>
            <TableHead />
          </TableRow>
        </TableHeader>
        <TableBody>
          {keys.map((k) => (
            <TableRow key={k.id} data-testid="api-key-row">
              <TableCell className="font-medium">{k.name}</TableCell>
              <TableCell>
                <code className="text-xs">{k.prefix}…</code>
              </TableCell>
              <TableCell>{k.role}</TableCell>
              <TableCell>{new Date(k.createdAt).toLocaleString()}</TableCell>
              <TableCell>{k.lastUsedAt ? new Date(k.lastUsedAt).toLocaleString() : "never"}</TableCell>
              <TableCell>
                {k.revokedAt ? <Badge variant="secondary">revoked</Badge> : <Badge variant="success">active</Badge>}
              </TableCell>
              <TableCell className="text-right">
                {!k.revokedAt && (
                  <Button
                    variant="outline"
                    size="sm"
                    disabled={pending}
                    onClick={() => {
                      if (!confirm(`Revoke API key "${k.name}"? Scripts using it will stop working.`)) return;
                      startTransition(async () => {
                        const r = await revokeApiKeyAction(k.id);
                        setError(r.ok ? null : (r.error ?? "Could not revoke"));
                      });
                    }}
                  >
                    Revoke
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
