"use server";
import { z } from "zod";
import { updateSettings } from "@/lib/settings/update";
import { formAction } from "@/lib/ui/action";
import { COMPONENT_KINDS } from "@/lib/validation/types";
import { PRICE_KEYS } from "@/lib/settings/prices";

const list = (v: string) => v.split(/[\s,]+/).filter(Boolean);
/** An empty field is not a number: send it as a string so the setting's own validation explains the problem. */
const num = (v: string) => (v.trim() === "" ? "" : Number(v));
/** A blank price is a price not set. */
const price = (v: string) => (v.trim() === "" ? null : num(v));

// The form's fields are text; the verb checks each setting's range and explains a refusal.
const field = z.string().default("");
const settingsForm = z
  .object({
    heartbeat: field,
    max_message_bytes: field,
    apply_timeout: field,
    ...Object.fromEntries(COMPONENT_KINDS.map((k) => [`allow_${k}`, field])),
    ...Object.fromEntries(PRICE_KEYS.map((k) => [`price_${k}`, field])),
  })
  .transform((f: Record<string, string>) => ({
    "opamp.heartbeat_interval_seconds": num(f.heartbeat),
    "opamp.max_message_bytes": num(f.max_message_bytes),
    "deployments.apply_timeout_seconds": num(f.apply_timeout),
    "components.allow_list": Object.fromEntries(COMPONENT_KINDS.map((k) => [k, list(f[`allow_${k}`])])),
    "savings.prices": Object.fromEntries(PRICE_KEYS.map((k) => [k, price(f[`price_${k}`])])),
  }));

export const saveSettingsAction = formAction(
  settingsForm,
  async (ctx, input) => {
    await updateSettings(ctx, input as never);
  },
  { revalidate: ["/settings"] },
);
