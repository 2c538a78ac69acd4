import { revokeApiKey } from "@/lib/api-keys/revoke";
import { noContent, route } from "@/lib/http/route";

export const DELETE = route("member", async (ctx, _req, { keyId }: { keyId: string }) => {
  await revokeApiKey(ctx, keyId);
  return noContent();
});
