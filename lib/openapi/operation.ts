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

/**
 * The operations on one named item (a template, a transform): its create on the collection, then GET, PATCH and
 * DELETE on the item as app/api/v1/_shared/item-routes.ts serves them. Create and rename are 409 when the name is
 * taken; delete is 409 while `inUse` says the item is used.
 */
export const namedItemOperations = (
  collection: string,
  item: string,
  noun: string,
  spec: {
    create: [summary: string, answer: Answer, input: z.ZodType];
    read: [summary: string, answer: Answer];
    update: [answer: Answer, input: z.ZodType];
    inUse: string;
  },
): Operation[] => [
  post(collection, spec.create[0], spec.create[1], { body: spec.create[2], errors: [409] }),
  get(item, ...spec.read),
  patch(item, `Rename or describe a ${noun}`, spec.update[0], { body: spec.update[1], errors: [409] }),
  del(item, `Delete a ${noun}`, [204, "Deleted"], { errors: [409], description: spec.inUse }),
];

/** One domain's operations, listed under its tag in the reference. */
export const group = (tag: string, description: string, operations: Operation[]): OperationGroup => ({
  tag,
  description,
  operations,
});
