/** Table state kept in the URL query: page (1-based), limit, sort, order and free-form filters. */
export type TableQuery = {
  page: number;
  limit: number;
  sort?: string;
  order?: "asc" | "desc";
  filters: Record<string, string>;
};

const RESERVED = new Set(["page", "limit", "sort", "order"]);

export function readTableQuery(
  params: URLSearchParams,
  defaults: { limit: number; filters: readonly string[] },
): TableQuery {
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  const limit = Math.min(100, Math.max(1, Number.parseInt(params.get("limit") ?? "", 10) || defaults.limit));
  const order = params.get("order");
  const filters: Record<string, string> = {};
  for (const key of defaults.filters) {
    const v = params.get(key);
    if (v && !RESERVED.has(key)) filters[key] = v;
  }
  return {
    page,
    limit,
    sort: params.get("sort") || undefined,
    order: order === "asc" || order === "desc" ? order : undefined,
    filters,
  };
}

/** The query string for a state; defaults are left out so URLs stay short. */
export function writeTableQuery(q: TableQuery, defaults: { limit: number }): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q.filters)) if (v) p.set(k, v);
  if (q.sort) p.set("sort", q.sort);
  if (q.sort && q.order) p.set("order", q.order);
  if (q.page > 1) p.set("page", String(q.page));
  if (q.limit !== defaults.limit) p.set("limit", String(q.limit));
  return p.toString();
}

/** One list page's URL state: its query read from and written to the URL, and the REST URL it fetches. */
export type TableUrlState = {
  read: (params: URLSearchParams) => TableQuery;
  write: (q: TableQuery) => string;
  apiUrl: (q: TableQuery) => string;
  /** The REST URL for a page's `searchParams` prop: what the server renders first and SWR then refreshes. */
  pageKey: (searchParams: PageSearchParams) => string;
};

export type PageSearchParams = Record<string, string | string[] | undefined>;

/** The filter names are the list route's query parameters, so the page URL and the REST URL share them. */
export function tableUrlState(apiPath: string, defaults: { limit: number; filters: readonly string[] }): TableUrlState {
  const read = (params: URLSearchParams) => readTableQuery(params, defaults);
  const write = (q: TableQuery) => writeTableQuery(q, defaults);
  // Page and limit always explicit, so one state is one SWR key.
  const apiUrl = (q: TableQuery) => {
    const p = new URLSearchParams(write(q));
    p.set("page", String(q.page));
    p.set("limit", String(q.limit));
    return `${apiPath}?${p}`;
  };
  return { read, write, apiUrl, pageKey: (searchParams) => apiUrl(read(toSearchParams(searchParams))) };
}

/** A page's `searchParams` prop as URLSearchParams; repeated keys are dropped, as the list routes take one value. */
export function toSearchParams(record: PageSearchParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(record)) if (typeof v === "string") params.set(k, v);
  return params;
}
