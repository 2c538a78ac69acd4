import { noContent, route } from "@/lib/http/route";
import { deleteSample } from "@/lib/samples/delete";
import { getSample } from "@/lib/samples/queries";

type Params = { sampleId: string };

export const GET = route("member", (ctx, _req, { sampleId }: Params) => getSample(ctx, sampleId));

export const DELETE = route("member", async (ctx, _req, { sampleId }: Params) => {
  await deleteSample(ctx, sampleId);
  return noContent();
});
