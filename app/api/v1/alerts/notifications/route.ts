import { listAlertNotifications } from "@/lib/alerts/queries";
import { route, searchParams } from "@/lib/http/route";

export const GET = route("member", (ctx, req) => listAlertNotifications(ctx, searchParams(req)));
