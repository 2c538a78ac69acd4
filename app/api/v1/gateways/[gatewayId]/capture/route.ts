import { startCapture, startCaptureInput } from "@/lib/capture/start";
import { parseJsonBody } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

type Params = { gatewayId: string };

/** Starts a live capture: 202, the capture closes by itself (poll GET /api/v1/captures/{id}). */
export const POST = route("member", async (ctx, req, { gatewayId }: Params) =>
  Response.json(await startCapture(ctx, gatewayId, await parseJsonBody(req, startCaptureInput)), { status: 202 }),
);
