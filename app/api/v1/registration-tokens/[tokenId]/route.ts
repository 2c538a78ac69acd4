import { revokeRegistrationToken } from "@/lib/registration-tokens/revoke";
import { noContent, route } from "@/lib/http/route";

export const DELETE = route("member", async (ctx, _req, { tokenId }: { tokenId: string }) => {
  await revokeRegistrationToken(ctx, tokenId);
  return noContent();
});
