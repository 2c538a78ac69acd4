import { deleteAlertChannel } from "@/lib/alerts/channels";
import { noContent, route } from "@/lib/http/route";

type Params = { channelId: string };

export const DELETE = route("member", async (ctx, _req, { channelId }: Params) => {
  await deleteAlertChannel(ctx, channelId);
  return noContent();
});
