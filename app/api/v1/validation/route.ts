import { parseJsonBody } from "@/lib/http/parse";
import { route } from "@/lib/http/route";
import { readAllowList } from "@/lib/settings/queries";
import { validationInput } from "@/lib/validation/input";
import { validateCollectorConfig } from "@/lib/validation/validate";

/** Validates without saving: 200 with the result even when the config is invalid; 400 only for a bad body. */
export const POST = route("member", async (ctx, req) => {
  const { config_yaml } = await parseJsonBody(req, validationInput);
  return validateCollectorConfig(config_yaml, { allowList: await readAllowList(ctx.db, ctx.orgId) });
});
