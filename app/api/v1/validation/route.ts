import { z } from "zod";
import { requireContext } from "@/lib/auth/caller";
import { toErrorResponse } from "@/lib/http/errors";
import { parseJsonBody } from "@/lib/http/parse";
import { MAX_CONTENT_BYTES } from "@/lib/templates/schemas";
import { checkTemplateContent } from "@/lib/templates/transform-refs";

const validationInput = z.object({
  config_yaml: z
    .string({ error: "config_yaml (the collector config as a YAML string) is required" })
    .refine((s) => Buffer.byteLength(s) <= MAX_CONTENT_BYTES, `config_yaml must be at most ${MAX_CONTENT_BYTES / 1024} KiB`),
});

/**
 * Validates without saving (transform references resolved as a save would): 200 with the result even when the
 * config is invalid; 400 only for a bad body.
 */
export async function POST(req: Request) {
  try {
    const ctx = await requireContext(req);
    const { config_yaml } = await parseJsonBody(req, validationInput);
    return Response.json((await checkTemplateContent(ctx.db, ctx.orgId, config_yaml)).validation);
  } catch (err) {
    // The editor drops a validation it no longer needs mid-request: nothing to answer, nothing to log.
    if (req.signal.aborted) return new Response(null, { status: 499 });
    return toErrorResponse(err);
  }
}
