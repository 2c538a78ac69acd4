import { notFound } from "next/navigation";
import { requireSessionContext } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { publicUrl } from "@/lib/config";
import { NotFoundError } from "@/lib/errors";
import { getGatewayConfig, getGatewayDetail } from "@/lib/gateways/queries";
import { listGatewayHistory } from "@/lib/gateways/history";
import { decodeAgentCapabilities } from "@/lib/opamp/capabilities";
import { listGatewayLogs } from "@/lib/telemetry/queries";
import { restartRegistrationCommand } from "@/lib/ui/onboarding-commands";
import { toJson } from "@/lib/ui/json";
import { GatewayView } from "./gateway-view";

export const metadata = { title: "Agent" };

async function load(ctx: Awaited<ReturnType<typeof requireSessionContext>>, id: string) {
  try {
    return await Promise.all([
      getGatewayDetail(ctx, id),
      getGatewayConfig(ctx, id),
      listGatewayHistory(ctx, id, { limit: 20 }),
    ]);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}

export default async function AgentPage({ params }: { params: Promise<{ gatewayId: string }> }) {
  const ctx = await requireSessionContext();
  const { gatewayId } = await params;
  const [detail, config, events] = await load(ctx, gatewayId);
  // The Logs tab is for agents that send their own logs, or that have sent some.
  const showLogs =
    decodeAgentCapabilities(detail.capabilities_bits).includes("ReportsOwnLogs") ||
    (await listGatewayLogs(ctx, detail.id, { limit: 1 })).items.length > 0;
  return (
    <GatewayView
      initial={{ detail: toJson(detail), config: toJson(config) }}
      events={events}
      showLogs={showLogs}
      canOperate={can(ctx, "gateways.restart")}
      restartRegistration={restartRegistrationCommand({
        flowgateUrl: publicUrl(),
        gatewayId: detail.id,
        orgId: ctx.orgId,
      })}
    />
  );
}
