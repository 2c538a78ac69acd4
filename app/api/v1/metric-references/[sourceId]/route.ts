import { noContent, route } from "@/lib/http/route";
import { deleteReferenceSource } from "@/lib/cardinality/sources";

export const DELETE = route("member", async (ctx, _req, { sourceId }: { sourceId: string }) => {
  await deleteReferenceSource(ctx, sourceId);
  return noContent();
});
