import type { Ctx } from "../auth/context";
import { requireContext } from "../auth/caller";
import { getDb, type Db } from "../db/client";
import { verifyOpampToken } from "../gateways/opamp-token";
import { requireRoutesContext } from "../ingress-routes/caller";
import type { RoutesCtx } from "../ingress-routes/store";
import { bearerToken } from "./bearer";
import { toErrorResponse } from "./errors";
import { assertSameOriginWrite } from "./origin";
import { assertWithinRestLimit } from "../rate-limit/rest";

type Gateway = Awaited<ReturnType<typeof verifyOpampToken>>;

/**
 * Who may call a route handler, and what the handler receives:
 * - member: a session user or API key, in the org of `org_id` (or their first);
 * - routes: the route registry's callers (a gateway's OpAMP token, or a member);
 * - gateway: a gateway authenticated by its OpAMP token (401 otherwise);
 * - bearer: the raw Bearer token for verbs that verify it themselves (registration token, legacy agent calls);
 * - public: no caller (and no database: health must answer even when it is down).
 */
type Contexts = {
  member: Ctx;
  routes: RoutesCtx;
  gateway: { db: Db; gateway: Gateway };
  bearer: { db: Db; token: string | null };
  public: Record<string, never>;
};
export type RouteAuth = keyof Contexts;

const resolvers: { [K in RouteAuth]: (req: Request) => Promise<Contexts[K]> } = {
  member: requireContext,
  routes: requireRoutesContext,
  gateway: async (req) => {
    const db = await getDb();
    return { db, gateway: await verifyOpampToken(db, bearerToken(req.headers.get("authorization"))) };
  },
  bearer: async (req) => ({ db: await getDb(), token: bearerToken(req.headers.get("authorization")) }),
  public: async () => ({}),
};

type Segment<P> = { params: Promise<P> };

/** Maps an error thrown by a handler to its response; REST's `{detail}` unless a transport has its own format. */
export type ErrorMapper = (err: unknown, req: Request) => Response;

/**
 * The one adapter between Next route handlers and domain verbs: authenticates the caller, awaits the path
 * params, runs `fn`, and maps thrown errors to responses (`{detail}` by default). `fn` returns a Response, or a
 * value sent as 200 JSON.
 */
export function route<K extends RouteAuth, P extends Record<string, string> = Record<string, never>>(
  auth: K,
  fn: (ctx: Contexts[K], req: Request, params: P) => Promise<unknown>,
  mapError: ErrorMapper = toErrorResponse,
) {
  return async (req: Request, segment: Segment<P>): Promise<Response> => {
    try {
      // Abuse hooks (harden-auth): session-cookie writes must come from this site.
      if (auth === "member" || auth === "routes") assertSameOriginWrite(req);
      assertWithinRestLimit(auth, req); // per Bearer credential: API key, OpAMP token, registration token + address
      const ctx = await resolvers[auth](req);
      const result = await fn(ctx, req, segment?.params ? await segment.params : ({} as P));
      return result instanceof Response ? result : Response.json(result);
    } catch (err) {
      // A client that went away mid-request (the editor drops validations it no longer needs): nobody reads an
      // answer, and its failure is not the server's to log.
      if (req.signal.aborted) return new Response(null, { status: 499 });
      return mapError(err, req);
    }
  };
}

/** 201 Created with a JSON body. */
export const created = (body: unknown) => Response.json(body, { status: 201 });
/** 202 Accepted with a JSON body. */
export const accepted = (body: unknown) => Response.json(body, { status: 202 });
/** 204 No Content. */
export const noContent = () => new Response(null, { status: 204 });

/** The query string as a plain object, for verbs that validate their own query. */
export const searchParams = (req: Request) => Object.fromEntries(new URL(req.url).searchParams.entries());
