import type { Filters } from "@/app/_components/table-filters";

/** What the agents table has selected: some ids, or every gateway its filters match. */
export type Selection = { ids: string[] } | { filters: Filters; total: number };

export type BulkSummary = {
  action: string;
  matched: number;
  changed: number;
  skipped: number;
  error_count: number;
  errors: { gateway_id: string; detail: string }[];
  deployment_id?: string;
};

export const selectionCount = (s: Selection) => ("ids" in s ? s.ids.length : s.total);

/** Only the filters the list route knows; empty values are dropped so "no filter" selects the whole org. */
function bulkFilter(filters: Filters) {
  const out: Record<string, string> = {};
  for (const k of ["status", "health", "drift", "tag", "q"] as const) if (filters[k]) out[k] = filters[k]!;
  return out;
}

/** POST /api/v1/gateways/bulk with the session cookie; `{detail}` becomes the error. */
export async function runBulk(
  selection: Selection,
  body: Record<string, unknown>,
): Promise<{ ok: true; summary: BulkSummary } | { ok: false; error: string }> {
  const res = await fetch("/api/v1/gateways/bulk", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      ...body,
      ...("ids" in selection ? { gateway_ids: selection.ids } : { filter: bulkFilter(selection.filters) }),
    }),
  });
  const json = (await res.json().catch(() => null)) as (BulkSummary & { detail?: string }) | null;
  if (!res.ok || !json) return { ok: false, error: json?.detail ?? `Request failed (${res.status})` };
  return { ok: true, summary: json };
}

/** "Changed 200 of 200 gateways" plus what was skipped and why, in one sentence. */
export function summaryText(s: BulkSummary): string {
  const parts = [`${s.changed} of ${s.matched} gateway${s.matched === 1 ? "" : "s"} changed`];
  if (s.skipped) parts.push(`${s.skipped} skipped`);
  if (s.error_count) parts.push(`${s.error_count} not acted on (${s.errors[0]?.detail ?? "error"})`);
  return parts.join(", ") + ".";
}
