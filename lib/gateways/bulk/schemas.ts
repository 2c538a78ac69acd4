import { z } from "zod";
import { listGatewaysQuery, tagKeySchema, tagMapSchema } from "../schemas";

/** One bulk request acts on at most this many gateways: the limit the issue sets for the fleet table. */
export const MAX_BULK_GATEWAYS = 10_000;

/** The list's filters (same names and syntax as GET /api/v1/gateways' query) to select "all N matching". */
const bulkFilter = listGatewaysQuery
  .pick({
    status: true,
    health: true,
    drift: true,
    tag: true,
    q: true,
    template_id: true,
    rollout_state: true,
    os: true,
    arch: true,
  })
  .strict();

const selection = {
  gateway_ids: z
    .array(z.uuid("gateway_ids must be UUIDs"))
    .min(1, "gateway_ids is empty")
    .max(MAX_BULK_GATEWAYS, `At most ${MAX_BULK_GATEWAYS} gateway_ids`)
    .optional(),
  filter: bulkFilter.optional(),
};

const oneSelection = (v: { gateway_ids?: unknown; filter?: unknown }) =>
  (v.gateway_ids ? 1 : 0) + (v.filter ? 1 : 0) === 1;
const SELECTION_MESSAGE = "Give exactly one of gateway_ids or filter";

const action = <A extends string, S extends z.ZodRawShape>(name: A, extra: S) =>
  z
    .object({ action: z.literal(name), ...selection, ...extra })
    .strict()
    .refine(oneSelection, SELECTION_MESSAGE);

export const bulkGatewaysInput = z.discriminatedUnion("action", [
  action("add_tags", { tags: tagMapSchema.refine((t) => Object.keys(t).length > 0, "tags is empty") }),
  action("remove_tags", { keys: z.array(tagKeySchema).min(1, "keys is empty").max(64) }),
  action("deploy", {
    template_id: z.uuid("template_id must be a UUID"),
    template_version: z.int().min(1).optional(),
    name: z.string().trim().min(1).max(200).optional(),
  }),
  action("restart", {}),
  action("rotate_token", {}),
  action("delete", {}),
]);
export type BulkGatewaysInput = z.input<typeof bulkGatewaysInput>;
export type BulkGatewaysRequest = z.output<typeof bulkGatewaysInput>;
export const BULK_ACTIONS = ["add_tags", "remove_tags", "deploy", "restart", "rotate_token", "delete"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
