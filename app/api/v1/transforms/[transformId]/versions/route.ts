import { parseJsonBody, parseQuery } from "@/lib/http/parse";
import { created, route } from "@/lib/http/route";
import { listTransformVersions } from "@/lib/transforms/queries";
import { saveTransformVersion } from "@/lib/transforms/save-version";
import { pageQuery, saveTransformVersionInput } from "@/lib/transforms/schemas";

type Params = { transformId: string };

export const GET = route("member", (ctx, req, { transformId }: Params) =>
  listTransformVersions(ctx, transformId, parseQuery(req, pageQuery)),
);

export const POST = route("member", async (ctx, req, { transformId }: Params) =>
  created(await saveTransformVersion(ctx, transformId, await parseJsonBody(req, saveTransformVersionInput))),
);
