import { parseJsonBody, parseQuery } from "@/lib/http/parse";
import { created, route } from "@/lib/http/route";
import { createTransform } from "@/lib/transforms/create";
import { listTransforms } from "@/lib/transforms/queries";
import { createTransformInput, listTransformsQuery } from "@/lib/transforms/schemas";

export const GET = route("member", (ctx, req) => listTransforms(ctx, parseQuery(req, listTransformsQuery)));

export const POST = route("member", async (ctx, req) =>
  created(await createTransform(ctx, await parseJsonBody(req, createTransformInput))),
);
