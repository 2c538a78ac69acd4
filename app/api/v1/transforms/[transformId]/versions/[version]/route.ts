import { parseWith } from "@/lib/http/parse";
import { route } from "@/lib/http/route";
import { getTransformVersion } from "@/lib/transforms/queries";
import { versionParam } from "@/lib/transforms/schemas";

type Params = { transformId: string; version: string };

export const GET = route("member", (ctx, _req, { transformId, version }: Params) =>
  getTransformVersion(ctx, transformId, parseWith(versionParam, version)),
);
