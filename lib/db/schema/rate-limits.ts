import { integer, pgTable, text } from "drizzle-orm/pg-core";
import { ts } from "./common";

/**
 * Fixed-window counters shared by all replicas (sign-in attempts per IP and per account). One row per key, reset
 * in place when a new window starts; rows whose window ended long ago are pruned on the next hit of the same kind.
 */
export const rateLimitCounters = pgTable("rate_limit_counters", {
  key: text("key").primaryKey(),
  windowStart: ts("window_start").notNull(),
  hits: integer("hits").notNull(),
});
