import { z } from "zod";
import { parseJsonBody } from "@/lib/http/parse";
import { route } from "@/lib/http/route";
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
export const POST = route("member", async (ctx, req) => {
  const { config_yaml } = await parseJsonBody(req, validationInput);
  return (await checkTemplateContent(ctx.db, ctx.orgId, config_yaml)).validation;
});
