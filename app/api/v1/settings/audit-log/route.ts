import { listAuditPage } from "@/lib/audit/queries";
import { pageQuery } from "@/lib/http/pagination";
import { parseQuery } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

const auditQuery = pageQuery({ maxLimit: 100, defaultLimit: 20 });

export const GET = route("member", (ctx, req) => listAuditPage(ctx, parseQuery(req, auditQuery)));
