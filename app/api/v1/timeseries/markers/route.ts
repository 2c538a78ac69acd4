import { route, searchParams } from "@/lib/http/route";
import { listDeploymentMarkers } from "@/lib/deployments/markers";

/** Deployments created or finished in a window (of one gateway, or the org's): the markers on chart time axes. */
export const GET = route("member", (ctx, req) => listDeploymentMarkers(ctx, searchParams(req)));
