import { createAlertRule } from "@/lib/alerts/rules";
import { listAlertRules } from "@/lib/alerts/queries";
import { createAlertRuleInput } from "@/lib/alerts/schemas";
import { parseJsonBody } from "@/lib/http/parse";
import { created, route, searchParams } from "@/lib/http/route";

export const GET = route("member", (ctx, req) => listAlertRules(ctx, searchParams(req)));

export const POST = route("member", async (ctx, req) =>
  created(await createAlertRule(ctx, await parseJsonBody(req, createAlertRuleInput, 16 * 1024))),
);
