import type { z } from "zod";
import type { Ctx } from "@/lib/auth/context";
import { parseJsonBody } from "@/lib/http/parse";
import { noContent, route } from "@/lib/http/route";

/**
 * GET, PATCH and DELETE of one named item (a template, a transform) whose id is the path segment `param`:
 * read it, update it from a JSON body checked by `updateInput`, delete it (204).
 */
export function itemRoutes<K extends string, S extends z.ZodType>(
  param: K,
  verbs: {
    get: (ctx: Ctx, id: string) => Promise<unknown>;
    updateInput: S;
    update: (ctx: Ctx, id: string, input: z.infer<S>) => Promise<unknown>;
    remove: (ctx: Ctx, id: string) => Promise<unknown>;
  },
) {
  type Params = Record<K, string>;
  return {
    GET: route("member", (ctx, _req, params: Params) => verbs.get(ctx, params[param])),
    PATCH: route("member", async (ctx, req, params: Params) =>
      verbs.update(ctx, params[param], await parseJsonBody(req, verbs.updateInput)),
    ),
    DELETE: route("member", async (ctx, _req, params: Params) => {
      await verbs.remove(ctx, params[param]);
      return noContent();
    }),
  };
}
