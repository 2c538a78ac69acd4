import { createDeployment } from "@/lib/deployments/create";
import { getDeployment, listDeployments } from "@/lib/deployments/queries";
import { createDeploymentInput } from "@/lib/deployments/schemas";
import { parseJsonBody } from "@/lib/http/parse";
import { created, route, searchParams } from "@/lib/http/route";

export const GET = route("member", (ctx, req) => listDeployments(ctx, searchParams(req)));

export const POST = route("member", async (ctx, req) => {
  const deployment = await createDeployment(ctx, await parseJsonBody(req, createDeploymentInput));
  return created(await getDeployment(ctx, deployment.id));
});
