import { readTableQuery, writeTableQuery, type TableQuery } from "@/lib/ui/query-state";

/** The Agents table's URL state; its filter names are the list route's query parameters. */
export const AGENTS_QUERY = { limit: 25, filters: ["status", "health", "tag", "q"] as const };

export const readAgentsQuery = (params: URLSearchParams) => readTableQuery(params, AGENTS_QUERY);
export const writeAgentsQuery = (q: TableQuery) => writeTableQuery(q, AGENTS_QUERY);

/** The REST URL for a state: page and limit always explicit, so one state is one SWR key. */
export function gatewaysApiUrl(q: TableQuery): string {
  const p = new URLSearchParams(writeAgentsQuery(q));
  p.set("page", String(q.page));
  p.set("limit", String(q.limit));
  return `/api/v1/gateways?${p}`;
}
