import { listRoutes } from "@/lib/ingress-routes/queries";
import { listRoutesQuery } from "@/lib/ingress-routes/schemas";
import { parseQuery } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

/** GET /api/v1/gateway/routes?org_id=&q=&cluster_uuid=&routing_mode=&page=&limit= */
export const GET = route("routes", (ctx, req) => listRoutes(ctx, parseQuery(req, listRoutesQuery)));
