"use server";
import { z } from "zod";
import { createAlertChannel, deleteAlertChannel, testAlertChannel } from "@/lib/alerts/channels";
import { createAlertRule, deleteAlertRule, updateAlertRule } from "@/lib/alerts/rules";
import { action, formAction, idSchema } from "@/lib/ui/action";

const revalidate = ["/alerts"];
const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);
const optionalNumber = (label: string) =>
  z.preprocess(blankToUndefined, z.coerce.number({ error: `${label} must be a number` }).optional());

export type CreatedChannel = { id: string; name: string; secret: string };

export const createChannelAction = formAction(
  z.object({
    name: z.string().trim().min(1, "Name is required").max(100, "Name is at most 100 characters"),
    kind: z.enum(["webhook", "slack"], { error: "Choose a format" }),
    url: z.string().trim().min(1, "URL is required"),
  }),
  async (ctx, input): Promise<CreatedChannel> => {
    const c = await createAlertChannel(ctx, input);
    return { id: c.id, name: c.name, secret: c.secret };
  },
  { revalidate },
);

export const deleteChannelAction = action(idSchema(), (ctx, id) => deleteAlertChannel(ctx, id), { revalidate });

export const testChannelAction = action(idSchema(), (ctx, id) => testAlertChannel(ctx, id));

// The form's flat fields become the verb's {kind, params}; the verb's own schema gives the messages.
export const createRuleAction = formAction(
  z.object({
    name: z.string().trim().min(1, "Name is required").max(100, "Name is at most 100 characters"),
    kind: z.enum(["gateway_down", "deployment_failed", "token_expiring", "fleet_health_below"], {
      error: "Choose a condition",
    }),
    channel_id: z.preprocess(blankToUndefined, z.uuid().optional()),
    selector: z.string().optional(),
    for_minutes: optionalNumber("Minutes"),
    days: optionalNumber("Days"),
    threshold_percent: optionalNumber("Threshold"),
  }),
  async (ctx, f) => {
    const selector = f.selector ?? "";
    const params =
      f.kind === "gateway_down"
        ? { selector, for_minutes: f.for_minutes }
        : f.kind === "token_expiring"
          ? { days: f.days }
          : f.kind === "fleet_health_below"
            ? { selector, threshold_percent: f.threshold_percent, for_minutes: f.for_minutes }
            : {};
    await createAlertRule(ctx, { name: f.name, channel_id: f.channel_id ?? null, kind: f.kind, params } as Parameters<
      typeof createAlertRule
    >[1]);
  },
  { revalidate },
);

export const setRuleEnabledAction = action(
  z.object({ id: idSchema(), enabled: z.boolean() }),
  (ctx, { id, enabled }) => updateAlertRule(ctx, id, { enabled }).then(() => undefined),
  { revalidate },
);

export const deleteRuleAction = action(idSchema(), (ctx, id) => deleteAlertRule(ctx, id), { revalidate });
