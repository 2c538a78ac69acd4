import { parseJsonBody } from "@/lib/http/parse";
import { route } from "@/lib/http/route";
import { previewSavedTransform } from "@/lib/transforms/run-preview";
import { MAX_PREVIEW_BODY_BYTES, previewTransformInput } from "@/lib/transforms/schemas";

type Params = { transformId: string };

/** A saved version (or unsaved steps) of this transform on inline samples; bodies over MAX_PREVIEW_BODY_BYTES are 413. */
export const POST = route("member", async (ctx, req, { transformId }: Params) =>
  previewSavedTransform(ctx, transformId, await parseJsonBody(req, previewTransformInput, MAX_PREVIEW_BODY_BYTES)),
);
