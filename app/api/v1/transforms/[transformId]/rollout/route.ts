import { parseJsonBody } from "@/lib/http/parse";
import { route } from "@/lib/http/route";
import { rolloutTransform } from "@/lib/transforms/rollout";
import { rolloutTransformInput } from "@/lib/transforms/schemas";

type Params = { transformId: string };

export const POST = route("member", async (ctx, req, { transformId }: Params) =>
  rolloutTransform(ctx, transformId, await parseJsonBody(req, rolloutTransformInput)),
);
