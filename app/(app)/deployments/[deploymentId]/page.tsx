import { notFound } from "next/navigation";
import { requireSessionContext } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { getDeployment, listDeploymentGateways } from "@/lib/deployments/queries";
import { NotFoundError } from "@/lib/errors";
import { nextBatch } from "@/lib/deployments/next-batch";
import { toJson } from "@/lib/ui/json";
import { DeploymentLive } from "./deployment-live";
import { GATEWAYS_PAGE_SIZE } from "../labels";

export const metadata = { title: "Deployment" };

export default async function DeploymentPage({ params }: { params: Promise<{ deploymentId: string }> }) {
  const ctx = await requireSessionContext();
  const { deploymentId } = await params;
  const loaded = await Promise.all([
    getDeployment(ctx, deploymentId),
    listDeploymentGateways(ctx, deploymentId, { page: 1, limit: GATEWAYS_PAGE_SIZE }),
  ]).catch((err) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  const [deployment, gateways] = loaded;
  const next = await nextBatch(ctx.db, deployment);
  return (
    <DeploymentLive
      initial={toJson({ ...deployment, next_batch: next, gateways })}
      canOperate={can(ctx, "deployments.pause")}
    />
  );
}
