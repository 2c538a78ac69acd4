import { jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { parentRef, updatedAt } from "./common";
import { orgIdColumn, users } from "./orgs";

/** A user's own settings in one organization (the Agents table's columns, saved views), one JSON value per key. */
export const userPreferences = pgTable(
  "user_preferences",
  {
    userId: parentRef("user_id", () => users.id),
    orgId: orgIdColumn(),
    key: text("key").notNull(),
    value: jsonb("value").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.orgId, t.key] })],
);
