import { deleteAlertRule, updateAlertRule } from "@/lib/alerts/rules";
import { getAlertRule } from "@/lib/alerts/queries";
import { updateAlertRuleInput } from "@/lib/alerts/schemas";
import { parseJsonBody } from "@/lib/http/parse";
import { noContent, route } from "@/lib/http/route";

type Params = { ruleId: string };

export const GET = route("member", (ctx, _req, { ruleId }: Params) => getAlertRule(ctx, ruleId));

export const PATCH = route("member", async (ctx, req, { ruleId }: Params) =>
  updateAlertRule(ctx, ruleId, await parseJsonBody(req, updateAlertRuleInput, 16 * 1024)),
);

export const DELETE = route("member", async (ctx, _req, { ruleId }: Params) => {
  await deleteAlertRule(ctx, ruleId);
  return noContent();
});
