"use client";
import { useActionState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import { CopyButton } from "@/app/_components/copy-button";
import type { ActionResult } from "@/lib/ui/action";
import { createApiKeyAction } from "./actions";

export function CreateApiKeyForm() {
  const [state, action, pending] = useActionState<ActionResult<{ key: string }>, FormData>(createApiKeyAction, {
    ok: false,
  });
  return (
    <div className="grid gap-4">
      <form action={action} className="flex flex-wrap items-end gap-3">
        <div className="grid gap-2">
          <Label htmlFor="api-key-name">Name</Label>
          <Input
            id="api-key-name"
            name="name"
            placeholder="ci"
            required
            className="w-56"
            aria-invalid={!!state.fieldErrors?.name}
          />
        </div>
        <div className="grid gap-2">
          <Label htmlFor="api-key-role">Role</Label>
          <select
            id="api-key-role"
            name="role"
            defaultValue="viewer"
            className="border-input h-9 rounded-md border bg-transparent px-3 text-sm"
          >
            <option value="viewer">viewer</option>
            <option value="operator">operator</option>
            <option value="admin">admin</option>
            <option value="owner">owner</option>
          </select>
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create API key"}
        </Button>
      </form>
      {state.error && (
        <p role="alert" className="text-destructive text-sm">
          {state.error}
        </p>
      )}
      {state.ok && state.data && (
        <div className="bg-muted/50 grid gap-2 rounded-md border p-3" data-testid="new-api-key">
          <p className="text-sm font-medium">Copy this key now: it will not be shown again.</p>
          <div className="flex items-center gap-2">
            <code className="bg-background truncate rounded border px-2 py-1 text-xs" data-testid="new-api-key-value">
              {state.data.key}
            </code>
            <CopyButton value={state.data.key} />
          </div>
        </div>
      )}
    </div>
  );
}
