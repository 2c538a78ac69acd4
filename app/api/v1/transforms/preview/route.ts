import { parseJsonBody } from "@/lib/http/parse";
import { route } from "@/lib/http/route";
import { previewSteps } from "@/lib/transforms/run-preview";
import { MAX_PREVIEW_BODY_BYTES, previewStepsInput } from "@/lib/transforms/schemas";

/** Unsaved steps on inline samples; bodies over MAX_PREVIEW_BODY_BYTES are 413. */
export const POST = route("member", async (ctx, req) =>
  previewSteps(ctx, await parseJsonBody(req, previewStepsInput, MAX_PREVIEW_BODY_BYTES)),
);
