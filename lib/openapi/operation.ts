import type { z } from "zod";
import type { Method, Operation, OperationGroup } from "./registry";

/** The one success response of most operations: status, description and (for a JSON body) its schema. */
export type Answer = [status: 200 | 201 | 202 | 204, description: string, schema?: z.ZodType];

type Options = Omit<Partial<Operation>, "method" | "path" | "summary" | "responses">;

const operation =
  (method: Method) =>
  (path: string, summary: string, [status, description, schema]: Answer, options: Options = {}): Operation => ({
    method,
    path,
    summary,
    auth: "member",
    ...options,
    responses: { [status]: schema ? { description, schema } : { description } },
  });

/** An operation with one success response, one builder per method; `auth` is "member" unless `options` says so. */
export const get = operation("get");
export const post = operation("post");
export const put = operation("put");
export const patch = operation("patch");
export const del = operation("delete");

/** One domain's operations, listed under its tag in the reference. */
export const group = (tag: string, description: string, operations: Operation[]): OperationGroup => ({
  tag,
  description,
  operations,
});
