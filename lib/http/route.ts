import type { Ctx } from "../auth/context";
import { requireContext } from "../auth/caller";
import { getDb, type Db } from "../db/client";
import { bearerToken } from "../gateways/opamp-token";
import { requireRoutesContext } from "../ingress-routes/caller";
import type { RoutesCtx } from "../ingress-routes/store";
import { toErrorResponse } from "./errors";

/**
 * Who may call a route handler, and what the handler receives:
 * - member: a session user or API key, in the org of `org_id` (or their first);
 * - routes: the route registry's callers (a gateway's OpAMP token, or a member);
 * - bearer: the raw Bearer token for verbs that verify it themselves (registration token, OpAMP token);
 * - public: no caller.
 */
type Contexts = {
  member: Ctx;
  routes: RoutesCtx;
  bearer: { db: Db; token: string | null };
  public: { db: Db };
};
export type RouteAuth = keyof Contexts;

const resolvers: { [K in RouteAuth]: (req: Request) => Promise<Contexts[K]> } = {
  member: requireContext,
  routes: requireRoutesContext,
  bearer: async (req) => ({ db: await getDb(), token: bearerToken(req.headers.get("authorization")) }),
  public: async () => ({ db: await getDb() }),
};

type Segment<P> = { params: Promise<P> };

/**
 * The one adapter between Next route handlers and domain verbs: authenticates the caller, awaits the path
 * params, runs `fn`, and maps thrown errors to `{detail}` responses. `fn` returns a Response, or a value sent
 * as 200 JSON.
 */
export function route<K extends RouteAuth, P extends Record<string, string> = Record<string, never>>(
  auth: K,
  fn: (ctx: Contexts[K], req: Request, params: P) => Promise<unknown>,
) {
  return async (req: Request, segment: Segment<P>): Promise<Response> => {
    try {
      const ctx = await resolvers[auth](req);
      const result = await fn(ctx, req, segment?.params ? await segment.params : ({} as P));
      return result instanceof Response ? result : Response.json(result);
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}

/** 201 Created with a JSON body. */
export const created = (body: unknown) => Response.json(body, { status: 201 });
/** 204 No Content. */
export const noContent = () => new Response(null, { status: 204 });
