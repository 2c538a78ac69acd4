import { randomUUID } from "node:crypto";
import fc from "fast-check";
import type { Outcomes } from "./outcomes";

type Schema = {
  $ref?: string;
  properties?: Record<string, unknown>;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
};
type Operation = { requestBody?: { content?: Record<string, { schema?: Schema }> } };
type OpenApi = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

/** A REST operation that takes a JSON body: its method, its path with the ids filled in, its body's field names. */
export type BodyRoute = { method: string; template: string; path: string; fields: string[] };

/** The JSON-body operations of the server's own OpenAPI document; `ids` fills path parameters by name. */
export async function bodyRoutes(baseUrl: string, ids: Record<string, string>): Promise<BodyRoute[]> {
  const doc = (await (await fetch(`${baseUrl}/api/v1/openapi.json`)).json()) as OpenApi;
  const resolve = (s: Schema | undefined): Schema | undefined =>
    s?.$ref ? resolve(doc.components?.schemas?.[s.$ref.split("/").pop()!]) : s;
  const fieldsOf = (s: Schema | undefined): string[] => {
    const r = resolve(s);
    if (!r) return [];
    const nested = [...(r.oneOf ?? []), ...(r.anyOf ?? []), ...(r.allOf ?? [])].flatMap(fieldsOf);
    return [...new Set([...Object.keys(r.properties ?? {}), ...nested])];
  };
  const routes: BodyRoute[] = [];
  for (const [template, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const json = op.requestBody?.content?.["application/json"];
      if (!json || !["post", "put", "patch"].includes(method)) continue;
      const path = template.replace(
        /\{([^}]+)\}/g,
        (_m, name: string) => ids[name] ?? (/version/i.test(name) ? "1" : randomUUID()),
      );
      routes.push({ method: method.toUpperCase(), template, path, fields: fieldsOf(json.schema) });
    }
  }
  return routes;
}

const hostile = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom("\u0000", "a\u0000b", "\ud800", "x\udfff", "", " ", "%00", "../..", "é".repeat(300), randomUUID()),
);
const leaf = fc.oneof(hostile, fc.integer(), fc.double(), fc.constantFrom(0, -1, 2 ** 53, 1e308, true, false, null));
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(hostile, tie("value"), { maxKeys: 3 }),
  ),
}));

/** A body for a route: mostly its own fields with hostile values (so validation goes deep), sometimes anything. */
const bodyFor = (route: BodyRoute): fc.Arbitrary<string> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .record(Object.fromEntries(route.fields.map((f) => [f, value])), { requiredKeys: [] })
        .map((b) => JSON.stringify(b)),
    },
    { weight: 2, arbitrary: value.map((v) => JSON.stringify(v) ?? "null") },
    { weight: 1, arbitrary: hostile },
  );

/** Sends random bodies to every JSON-body route and counts the statuses; a 5xx names its route. */
export async function fuzzRest(opts: {
  baseUrl: string;
  routes: BodyRoute[];
  apiKey: string;
  cases: number;
  seed?: number;
  out: Outcomes;
}) {
  const arb = fc.oneof(...opts.routes.map((r) => bodyFor(r).map((body) => ({ route: r, body }))));
  for (const { route, body } of fc.sample(arb, { numRuns: opts.cases, seed: opts.seed })) {
    let key: string;
    try {
      const res = await fetch(opts.baseUrl + route.path, {
        method: route.method,
        headers: { authorization: `Bearer ${opts.apiKey}`, "content-type": "application/json" },
        body,
        signal: AbortSignal.timeout(30_000),
      });
      await res.arrayBuffer();
      key = res.status >= 500 ? `rest ${res.status} ${route.method} ${route.template}` : `rest ${res.status}`;
    } catch (err) {
      key = `rest no reply ${route.method} ${route.template} (${(err as Error).name})`;
    }
    opts.out.add(key, () => `${route.method} ${route.path} ${body}`);
  }
}
