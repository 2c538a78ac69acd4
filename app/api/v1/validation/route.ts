import { z } from "zod";
import { parseJsonBody } from "@/lib/http/parse";
import { route } from "@/lib/http/route";
import { readAllowList } from "@/lib/settings/queries";
import { MAX_CONTENT_BYTES } from "@/lib/templates/schemas";
import { validateCollectorConfig } from "@/lib/validation/validate";

const validationInput = z.object({
  config_yaml: z
    .string({ error: "config_yaml (the collector config as a YAML string) is required" })
    .refine((s) => Buffer.byteLength(s) <= MAX_CONTENT_BYTES, `config_yaml must be at most ${MAX_CONTENT_BYTES / 1024} KiB`),
});

/** Validates without saving: 200 with the result even when the config is invalid; 400 only for a bad body. */
export const POST = route("member", async (ctx, req) => {
  const { config_yaml } = await parseJsonBody(req, validationInput);
  return validateCollectorConfig(config_yaml, { allowList: await readAllowList(ctx.db, ctx.orgId) });
});
