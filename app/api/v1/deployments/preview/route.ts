import { previewDeploymentTarget } from "@/lib/deployments/preview";
import { previewInput } from "@/lib/deployments/schemas";
import { parseJsonBody } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

export const POST = route("member", async (ctx, req) =>
  previewDeploymentTarget(ctx, (await parseJsonBody(req, previewInput)).target),
);
