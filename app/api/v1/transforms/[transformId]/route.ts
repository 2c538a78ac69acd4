import { parseJsonBody } from "@/lib/http/parse";
import { noContent, route } from "@/lib/http/route";
import { deleteTransform } from "@/lib/transforms/delete";
import { getTransform } from "@/lib/transforms/queries";
import { updateTransformInput } from "@/lib/transforms/schemas";
import { updateTransform } from "@/lib/transforms/update";

type Params = { transformId: string };

export const GET = route("member", (ctx, _req, { transformId }: Params) => getTransform(ctx, transformId));

export const PATCH = route("member", async (ctx, req, { transformId }: Params) =>
  updateTransform(ctx, transformId, await parseJsonBody(req, updateTransformInput)),
);

export const DELETE = route("member", async (ctx, _req, { transformId }: Params) => {
  await deleteTransform(ctx, transformId);
  return noContent();
});
