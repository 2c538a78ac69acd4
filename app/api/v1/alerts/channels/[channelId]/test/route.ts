import { testAlertChannel } from "@/lib/alerts/channels";
import { route } from "@/lib/http/route";

type Params = { channelId: string };

/** 200 with `{delivered, status, error?}`: a receiver that refused the test is an answer, not an API error. */
export const POST = route("member", (ctx, _req, { channelId }: Params) => testAlertChannel(ctx, channelId));
