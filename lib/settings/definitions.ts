import { z } from "zod";
import { COMPONENT_KINDS, DEFAULT_ALLOW_LIST, type AllowList } from "../validation/types";
import { PRICE_KEYS, type Prices } from "./prices";
import { customPatternProblem, PII_KINDS, type PiiRules } from "../transforms/pii-patterns";

const componentType = z
  .string()
  .regex(/^[a-zA-Z][0-9a-zA-Z_]{0,62}$/, "component types look like otlp or memory_limiter");
const typeList = z
  .array(componentType)
  .max(200)
  .transform((xs) => [...new Set(xs)]);

/** A partial allow-list: kinds left out keep their current value. */
export const allowListInput = z
  .object(Object.fromEntries(COMPONENT_KINDS.map((k) => [k, typeList.optional()])))
  .strict() as unknown as z.ZodType<Partial<AllowList>>;
const allowListStored = z.object(
  Object.fromEntries(COMPONENT_KINDS.map((k) => [k, typeList])),
) as unknown as z.ZodType<AllowList>;

export const MIB = 1024 * 1024;

/** The org's PII rules, applied to every stored sample: built-in kinds plus custom RE2 patterns. */
const piiRules = z
  .object({
    builtins: z
      .array(z.enum(PII_KINDS))
      .max(PII_KINDS.length)
      .transform((xs) => [...new Set(xs)]),
    custom: z
      .array(
        z
          .object({
            name: z.string().trim().min(1, "name is required").max(100),
            pattern: z
              .string()
              .min(1, "pattern is required")
              .max(500)
              .superRefine((p, ctx) => {
                const problem = customPatternProblem(p);
                if (problem) ctx.addIssue({ code: "custom", message: problem });
              }),
          })
          .strict(),
      )
      .max(20, "at most 20 custom patterns"),
  })
  .strict() as z.ZodType<PiiRules>;

/** What the org's backend charges (any currency); blank (null) until someone enters their own contract's figure. */
const prices = z
  .object(
    Object.fromEntries(
      PRICE_KEYS.map((k) => [
        k,
        z
          .number({ error: "must be a number" })
          .min(0, "must be 0 or more")
          .max(1_000_000, "must be at most 1000000")
          .nullable()
          .default(null),
      ]),
    ),
  )
  .strict() as unknown as z.ZodType<Prices, Partial<Prices>>;

/**
 * A whole-number setting from `min` to `max`: the stored check, and the input check whose messages say the range
 * ("must be 1 to 365", or `range`, or `tooLow` / `tooHigh`) and the unit (`of`: "must be a whole number of days").
 */
function wholeNumber(
  o: { min: number; max: number; of?: string; range?: string; tooLow?: string; tooHigh?: string },
  fallback: number,
) {
  const range = `must be ${o.range ?? `${o.min} to ${o.max}`}`;
  return {
    stored: z.number().int().min(o.min).max(o.max),
    input: z
      .number({ error: "must be a number" })
      .int(`must be a whole number${o.of ?? ""}`)
      .min(o.min, o.tooLow ?? range)
      .max(o.max, o.tooHigh ?? range),
    default: fallback,
  };
}

/** Every org setting: its schema (for stored values and for input) and its default. */
export const SETTINGS = {
  "components.allow_list": { stored: allowListStored, input: allowListInput, default: DEFAULT_ALLOW_LIST as AllowList },
  "opamp.heartbeat_interval_seconds": wholeNumber(
    { min: 0, max: 3600, of: " of seconds", range: "0 (off) to 3600" },
    30,
  ),
  "opamp.max_message_bytes": wholeNumber(
    {
      min: 1024,
      max: 256 * MIB,
      of: " of bytes",
      tooLow: "must be at least 1024",
      tooHigh: "must be at most 268435456 (256 MiB)",
    },
    // FLOWGATE_OPAMP_MAX_MESSAGE_BYTES's default (lib/env.ts); the spec recommends accepting up to 64 MiB.
    4 * MIB,
  ),
  "deployments.apply_timeout_seconds": wholeNumber({ min: 10, max: 86_400, of: " of seconds" }, 300),
  pii_redaction: { stored: piiRules, input: piiRules, default: { builtins: [...PII_KINDS], custom: [] } as PiiRules },
  "samples.max_count": wholeNumber({ min: 1, max: 1000 }, 50),
  "samples.max_age_days": wholeNumber({ min: 1, max: 365, of: " of days" }, 7),
  "savings.prices": {
    stored: prices,
    input: prices,
    default: Object.fromEntries(PRICE_KEYS.map((k) => [k, null])) as Prices,
  },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

export type OrgSettings = {
  "components.allow_list": AllowList;
  "opamp.heartbeat_interval_seconds": number;
  "opamp.max_message_bytes": number;
  "deployments.apply_timeout_seconds": number;
  pii_redaction: PiiRules;
  "samples.max_count": number;
  "samples.max_age_days": number;
  "savings.prices": Prices;
};

export const DEFAULT_SETTINGS: OrgSettings = Object.fromEntries(
  SETTING_KEYS.map((k) => [k, SETTINGS[k].default]),
) as OrgSettings;

/**
 * PUT body: any subset of the settings. `null` resets one to its default. Unknown keys are refused so a typo
 * never looks like a saved change.
 */
export const updateSettingsInput = z
  .object(Object.fromEntries(SETTING_KEYS.map((k) => [k, SETTINGS[k].input.nullable().optional()])))
  .strict() as unknown as z.ZodType<{
  [K in SettingKey]?:
    | (K extends "components.allow_list"
        ? Partial<AllowList>
        : K extends "pii_redaction"
          ? PiiRules
          : K extends "savings.prices"
            ? Partial<Prices>
            : number)
    | null;
}>;
export type UpdateSettingsInput = z.infer<typeof updateSettingsInput>;
