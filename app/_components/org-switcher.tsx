"use client";
import { useState, useTransition } from "react";
import { usePathname } from "next/navigation";
import { switchOrgAction } from "@/app/(app)/actions";

type Org = { orgId: string; orgName: string; role: string };

/**
 * Picks the organization for this session. A full load of the section's list page follows: the page being read
 * belongs to the old organization, and client caches hold its data.
 */
export function OrgSwitcher({ memberships, current }: { memberships: Org[]; current: string }) {
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const change = (orgId: string) =>
    startTransition(async () => {
      const res = await switchOrgAction({ orgId });
      if (!res.ok) return setError(res.error ?? "Could not switch organization");
      window.location.assign(`/${pathname.split("/")[1] ?? ""}`);
    });
  return (
    <div className="grid gap-1">
      <label htmlFor="org-switcher" className="text-muted-foreground">
        Organization
      </label>
      <select
        id="org-switcher"
        value={current}
        disabled={pending}
        onChange={(e) => change(e.target.value)}
        className="border-input bg-background h-8 rounded-md border px-2 text-xs"
      >
        {memberships.map((m) => (
          <option key={m.orgId} value={m.orgId}>
            {m.orgName} ({m.role})
          </option>
        ))}
      </select>
      {error && (
        <p role="alert" className="text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}
