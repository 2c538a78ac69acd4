import { pauseDeployment } from "@/lib/deployments/lifecycle";
import { route } from "@/lib/http/route";

export const POST = route("member", (ctx, _req, { deploymentId }: { deploymentId: string }) =>
  pauseDeployment(ctx, deploymentId),
);
