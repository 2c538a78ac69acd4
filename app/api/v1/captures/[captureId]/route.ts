import { getCapture } from "@/lib/capture/queries";
import { route } from "@/lib/http/route";

type Params = { captureId: string };

export const GET = route("member", (ctx, _req, { captureId }: Params) => getCapture(ctx, captureId));
