import { z } from "zod";
import { id, timestamp } from "./common";

/** lib/alerts: a rule with its kind-specific params. */
export const alertRule = z.looseObject({
  id,
  name: z.string(),
  kind: z.string(),
  enabled: z.boolean(),
  created_at: timestamp,
});
export const alertRuleList = z.looseObject({ items: z.array(alertRule) });
/** A webhook channel: the signing secret appears only in the creation answer. */
export const alertChannel = z.looseObject({ id, name: z.string(), kind: z.string(), url: z.string() });
export const alertChannelList = z.looseObject({ items: z.array(alertChannel) });
export const alertNotifications = z.looseObject({ items: z.array(z.looseObject({ id })) });
export const fleetHealth = z.looseObject({});
export const testSend = z.looseObject({});
