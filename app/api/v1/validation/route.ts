import { parseJsonBody } from "@/lib/http/parse";
import { route } from "@/lib/http/route";
import { checkTemplateContent } from "@/lib/templates/transform-refs";
import { validationInput } from "@/lib/validation/input";

/**
 * Validates without saving (transform references resolved as a save would): 200 with the result even when the
 * config is invalid; 400 only for a bad body.
 */
export const POST = route("member", async (ctx, req) => {
  const { config_yaml } = await parseJsonBody(req, validationInput);
  return (await checkTemplateContent(ctx.db, ctx.orgId, config_yaml)).validation;
});
