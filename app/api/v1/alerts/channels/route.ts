import { createAlertChannel, listAlertChannels } from "@/lib/alerts/channels";
import { createAlertChannelInput } from "@/lib/alerts/schemas";
import { parseJsonBody } from "@/lib/http/parse";
import { created, route, searchParams } from "@/lib/http/route";

export const GET = route("member", (ctx, req) => listAlertChannels(ctx, searchParams(req)));

export const POST = route("member", async (ctx, req) =>
  created(await createAlertChannel(ctx, await parseJsonBody(req, createAlertChannelInput, 16 * 1024))),
);
