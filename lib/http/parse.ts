import { z } from "zod";
import { InvalidInputError } from "../errors";
import { findUnstorableText } from "../text";
import { readBody } from "./body";

const MAX_JSON_BYTES = 1024 * 1024;

function describe(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}

/**
 * Validates input from a caller (body, query, form): text PostgreSQL cannot store (NUL, unpaired surrogates) is
 * refused here for every schema at once, naming the field, then the schema's own rules apply.
 */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const bad = findUnstorableText(value);
  if (bad) {
    const message = `${bad.length ? bad.join(".") : "input"}: must not contain NUL characters or unpaired surrogates`;
    throw new InvalidInputError(message);
  }
  const result = schema.safeParse(value);
  if (!result.success) throw new InvalidInputError(describe(result.error), { errors: z.treeifyError(result.error) });
  return result.data;
}

/** Reads and validates a JSON body: malformed JSON and schema violations are 400, oversized bodies 413. */
export async function parseJsonBody<S extends z.ZodType>(
  req: Request,
  schema: S,
  maxBytes = MAX_JSON_BYTES,
): Promise<z.infer<S>> {
  const text = (await readBody(req, maxBytes)).toString("utf8");
  let json: unknown = {};
  if (text.trim() !== "") {
    try {
      json = JSON.parse(text);
    } catch {
      throw new InvalidInputError("Request body is not valid JSON");
    }
  }
  return parseWith(schema, json);
}

export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(req.url).searchParams.entries());
  return parseWith(schema, params);
}
