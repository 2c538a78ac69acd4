import { parseQuery } from "@/lib/http/parse";
import { route } from "@/lib/http/route";
import { diffTransformVersions } from "@/lib/transforms/queries";
import { diffQuery } from "@/lib/transforms/schemas";

type Params = { transformId: string };

export const GET = route("member", (ctx, req, { transformId }: Params) => {
  const { from, to } = parseQuery(req, diffQuery);
  return diffTransformVersions(ctx, transformId, from, to);
});
