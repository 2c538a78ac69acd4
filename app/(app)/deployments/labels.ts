import type { DeploymentStrategy, DeploymentTarget } from "@/lib/db/schema";
import { formatSelector } from "@/lib/deployments/schemas";

export type ListQuery = { page: number; limit: number; status: string };

/** The REST URL the list page reads (the server renders the same page first, SWR then refreshes it). */
export function deploymentsUrl(q: ListQuery): string {
  const p = new URLSearchParams({ page: String(q.page), limit: String(q.limit) });
  if (q.status) p.set("status", q.status);
  return `/api/v1/deployments?${p}`;
}

export function targetLabel(t: DeploymentTarget): string {
  if (t.selector) return formatSelector(t.selector);
  const n = t.gateway_ids?.length ?? 0;
  return `${n} gateway${n === 1 ? "" : "s"}`;
}

export function strategyLabel(s: DeploymentStrategy): string {
  if (s.type !== "progressive") return "all at once";
  const batch = s.batch_size ? `${s.batch_size}` : `${s.batch_percent}%`;
  return `batches of ${batch}${s.pause_seconds ? `, ${s.pause_seconds} s pause` : ""}`;
}

/** Gateway rows per page on the deployment page. */
export const GATEWAYS_PAGE_SIZE = 50;
