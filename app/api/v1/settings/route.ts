import { parseJsonBody } from "@/lib/http/parse";
import { route } from "@/lib/http/route";
import { updateSettingsInput } from "@/lib/settings/definitions";
import { getSettings } from "@/lib/settings/queries";
import { updateSettings } from "@/lib/settings/update";

export const GET = route("member", (ctx) => getSettings(ctx));

export const PUT = route("member", async (ctx, req) =>
  updateSettings(ctx, await parseJsonBody(req, updateSettingsInput)),
);
