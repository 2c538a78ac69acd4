import { route, searchParams } from "@/lib/http/route";
import { getDeploymentVolume } from "@/lib/savings/before-after";

/** Output of the deployment's gateways over the same window before and after it, with the change. */
export const GET = route("member", (ctx, req, { deploymentId }: { deploymentId: string }) =>
  getDeploymentVolume(ctx, deploymentId, searchParams(req)),
);
