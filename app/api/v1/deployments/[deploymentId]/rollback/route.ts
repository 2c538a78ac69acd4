import { getDeployment } from "@/lib/deployments/queries";
import { rollbackDeployment } from "@/lib/deployments/rollback";
import { rollbackInput } from "@/lib/deployments/schemas";
import { parseJsonBody } from "@/lib/http/parse";
import { created, route } from "@/lib/http/route";

/** Creates a new deployment of the previous template version to the same target (201 with it). */
export const POST = route("member", async (ctx, req, { deploymentId }: { deploymentId: string }) => {
  const rollback = await rollbackDeployment(ctx, deploymentId, await parseJsonBody(req, rollbackInput));
  return created(await getDeployment(ctx, rollback.id));
});
