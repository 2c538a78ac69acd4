import { z } from "zod";
import { id, page, timestamp } from "./common";

/** lib/alerts: a rule with its kind-specific params. */
export const alertRule = z.looseObject({
  id,
  name: z.string(),
  kind: z.string(),
  enabled: z.boolean(),
  created_at: timestamp,
});
export const alertRuleList = page(alertRule);
/** A webhook channel: the signing secret appears only in the creation answer. */
export const alertChannel = z.looseObject({ id, name: z.string(), kind: z.string(), url: z.string() });
export const alertChannelList = page(alertChannel);
export const alertNotifications = page(z.looseObject({ id }));
export const fleetHealth = z.looseObject({});
export const testSend = z.looseObject({});
