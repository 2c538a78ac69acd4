import { and, eq, sql } from "drizzle-orm";
import { userPreferences } from "../db/schema";
import type { Ctx } from "../auth/context";
import { InvalidInputError } from "../errors";
import { parseWith } from "../http/parse";
import { DEFAULTS, PREFERENCES, preferenceKey, type PreferenceKey } from "./schemas";

/** Preferences belong to a person: an API key has none to keep. */
function requireUser(ctx: Ctx): string {
  if (!ctx.userId) throw new InvalidInputError("Preferences belong to a signed-in user; API keys have none");
  return ctx.userId;
}

/** The caller's value for `key` in this org, or the default when never saved. */
export async function getPreference(ctx: Ctx, rawKey: string) {
  const key = parseWith(preferenceKey, rawKey) as PreferenceKey;
  const userId = requireUser(ctx);
  const [row] = await ctx.db
    .select({ value: userPreferences.value })
    .from(userPreferences)
    .where(and(eq(userPreferences.userId, userId), eq(userPreferences.orgId, ctx.orgId), eq(userPreferences.key, key)));
  // A value saved under an older shape falls back to the default rather than breaking the page.
  const parsed = row ? PREFERENCES[key].safeParse(row.value) : null;
  return parsed?.success ? parsed.data : DEFAULTS[key];
}

/** Replaces the caller's value for `key`. Any member may keep their own preferences, a viewer included. */
export async function setPreference(ctx: Ctx, rawKey: string, input: unknown) {
  const key = parseWith(preferenceKey, rawKey) as PreferenceKey;
  const userId = requireUser(ctx);
  const value = parseWith(PREFERENCES[key] as (typeof PREFERENCES)["agents.views"], input);
  await ctx.db
    .insert(userPreferences)
    .values({ userId, orgId: ctx.orgId, key, value })
    .onConflictDoUpdate({
      target: [userPreferences.userId, userPreferences.orgId, userPreferences.key],
      set: { value, updatedAt: sql`now()` },
    });
  return value;
}
