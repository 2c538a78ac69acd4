import { z } from "zod";
import { pageQuery } from "../http/pagination";
import { formatSelector, parseSelector } from "../deployments/schemas";

const name = z
  .string({ error: "name is required" })
  .trim()
  .min(1, "name is required")
  .max(100, "name is at most 100 characters");
/** A tag selector as text (`env=prod,canary`) or an object (`{"env": "prod", "canary": null}`); empty selects every gateway. */
const selector = z
  .union([z.string(), z.record(z.string(), z.string().nullable())], {
    error: "selector must be text like env=prod,canary or an object of tag keys to values (null for any value)",
  })
  .transform((v, c) => {
    const text = typeof v === "string" ? v : formatSelector(v);
    if (text.trim() === "") return {};
    try {
      return parseSelector(text);
    } catch (err) {
      c.addIssue({ code: "custom", message: (err as Error).message });
      return z.NEVER;
    }
  });
const forMinutes = z
  .number({ error: "for_minutes must be a number" })
  .int("for_minutes must be whole minutes")
  .min(0, "for_minutes is at least 0")
  .max(10_080, "for_minutes is at most 10080 (7 days)");

/** Each rule kind and its parameters. */
export const ruleParams = z.discriminatedUnion(
  "kind",
  [
    z.object({
      kind: z.literal("gateway_down"),
      params: z
        .object({
          selector: selector.default({}),
          health: z
            .array(z.enum(["offline", "unhealthy"], 'health must list "offline" and/or "unhealthy"'))
            .min(1, "health needs at least one of offline, unhealthy")
            .default(["offline", "unhealthy"]),
          for_minutes: forMinutes.default(5),
        })
        .strict(),
    }),
    z.object({ kind: z.literal("deployment_failed"), params: z.object({}).strict().default({}) }),
    z.object({
      kind: z.literal("token_expiring"),
      params: z
        .object({
          days: z
            .number({ error: "days is required" })
            .int("days must be whole days")
            .min(1, "days is at least 1")
            .max(365, "days is at most 365"),
        })
        .strict(),
    }),
    z.object({
      kind: z.literal("fleet_health_below"),
      params: z
        .object({
          threshold_percent: z
            .number({ error: "threshold_percent is required" })
            .min(1, "threshold_percent is at least 1")
            .max(100, "threshold_percent is at most 100"),
          selector: selector.default({}),
          for_minutes: forMinutes.default(0),
        })
        .strict(),
    }),
  ],
  { error: "kind must be one of gateway_down, deployment_failed, token_expiring, fleet_health_below" },
);

export const createAlertRuleInput = z.intersection(
  z.object({
    name,
    channel_id: z.uuid("channel_id must be a channel id").nullable().default(null),
    enabled: z.boolean().default(true),
  }),
  ruleParams,
);
export type CreateAlertRuleInput = z.input<typeof createAlertRuleInput>;

export const updateAlertRuleInput = z
  .object({
    name: name.optional(),
    enabled: z.boolean({ error: "enabled must be true or false" }).optional(),
    channel_id: z.uuid("channel_id must be a channel id").nullable().optional(),
  })
  .strict();
export type UpdateAlertRuleInput = z.input<typeof updateAlertRuleInput>;

export const createAlertChannelInput = z
  .object({
    name,
    kind: z.enum(["webhook", "slack"], 'kind must be "webhook" (generic JSON) or "slack"'),
    url: z
      .url({ protocol: /^https?$/, error: "url must be an http(s) URL" })
      .max(2000, "url is at most 2000 characters"),
  })
  .strict();
export type CreateAlertChannelInput = z.input<typeof createAlertChannelInput>;

/** `page` and `limit` of the rule, channel and notification lists. */
export const listAlertsQuery = pageQuery({ maxLimit: 200, defaultLimit: 50 });
export type ListAlertsQuery = z.input<typeof listAlertsQuery>;
