/** The type a value has after a JSON round trip (Dates become ISO strings), i.e. what the REST routes send. */
export type Jsonify<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Jsonify<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonify<T[K]> }
      : T;

/** Server pages hand client components the exact shape the REST route would have sent, as SWR fallback data. */
export function toJson<T>(value: T): Jsonify<T> {
  return JSON.parse(JSON.stringify(value)) as Jsonify<T>;
}

/** SWR fetcher for our REST routes: the session cookie authenticates; `{detail}` becomes the error message. */
export async function fetchJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: "application/json" } });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { detail?: string } | null;
    throw Object.assign(new Error(body?.detail ?? `Request failed (${res.status})`), { status: res.status });
  }
  return (await res.json()) as T;
}
