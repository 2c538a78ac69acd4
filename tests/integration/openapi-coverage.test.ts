import fs from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/openapi/document";

const API_DIR = path.resolve(import.meta.dirname, "../../app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every route.ts under app/api/v1 with the HTTP methods it exports, as "METHOD /openapi/path". */
function routeOperations(): string[] {
  const out: string[] = [];
  for (const file of fs.readdirSync(API_DIR, { recursive: true, encoding: "utf8" })) {
    if (path.basename(file) !== "route.ts") continue;
    const source = fs.readFileSync(path.join(API_DIR, file), "utf8");
    const folder = path
      .dirname(file)
      .split(path.sep)
      .filter((s) => s !== ".");
    const apiPath = ["/api/v1", ...folder.map((s) => s.replace(/^\[(\w+)\]$/, "{$1}"))].join("/");
    // `export const GET = …`, `export async function GET`, or several from one helper: `export const { GET, PATCH } = …`
    const destructured = [...source.matchAll(/export const \{([^}]*)\}/g)].flatMap((d) =>
      d[1].split(",").map((name) => name.trim()),
    );
    for (const m of METHODS) {
      const named = new RegExp(`export (const|async function|function) ${m}\\b`).test(source);
      if (named || destructured.includes(m)) out.push(`${m} ${apiPath}`);
    }
  }
  return out.sort();
}

const document = buildOpenApiDocument();

describe("the OpenAPI document", () => {
  it("has every method of every app/api/v1 route.ts, and nothing else", () => {
    const routes = routeOperations();
    expect(routes.length).toBeGreaterThan(50);
    const documented = Object.entries(document.paths)
      .flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    expect(
      routes.filter((r) => !documented.includes(r)),
      "route.ts methods missing from lib/openapi/paths",
    ).toEqual([]);
    expect(
      documented.filter((d) => !routes.includes(d)),
      "documented operations with no route.ts",
    ).toEqual([]);
  });

  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(structuredClone(document));
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 1)?.slice(0, 4000)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("gives every authenticated operation its security, and every operation a JSON error shape", () => {
    for (const [p, item] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(item) as [
        string,
        { security: unknown[]; responses: Record<string, unknown> },
      ][]) {
        const where = `${method.toUpperCase()} ${p}`;
        if (p !== "/api/v1/openapi.json") {
          expect(op.security.length, where).toBeGreaterThan(0);
          expect(op.responses["401"], where).toBeDefined();
        }
        expect(
          Object.keys(op.responses).some((s) => s.startsWith("2")),
          where,
        ).toBe(true);
      }
    }
  });
});
