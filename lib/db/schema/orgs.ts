import { pgEnum, pgTable, primaryKey, text, uuid, index } from "drizzle-orm/pg-core";
import { createdAt, id, ts } from "./common";

export const roleEnum = pgEnum("role", ["owner", "admin", "operator", "viewer"]);

export const organizations = pgTable("organizations", {
  id: id(),
  name: text("name").notNull().unique(),
  createdAt: createdAt(),
});

/** The owning organization of an org-scoped row: deleting the organization deletes the row. */
export const orgIdColumn = () =>
  uuid("org_id")
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });

export const users = pgTable("users", {
  id: id(),
  email: text("email").notNull().unique(),
  name: text("name"),
  /** scrypt hash (see lib/auth/passwords.ts); null for users who only sign in through OIDC. */
  passwordHash: text("password_hash"),
  createdAt: createdAt(),
});

export const memberships = pgTable(
  "memberships",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orgId: orgIdColumn(),
    role: roleEnum("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.orgId] }), index("memberships_org_id_idx").on(t.orgId)],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    orgId: orgIdColumn(),
    name: text("name").notNull(),
    /** First characters of the key, shown in lists so people can tell keys apart. */
    prefix: text("prefix").notNull(),
    /** SHA-256 hex of the whole key: keys are 256-bit random, so a fast hash is enough. */
    keyHash: text("key_hash").notNull().unique(),
    role: roleEnum("role").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    lastUsedAt: ts("last_used_at"),
    revokedAt: ts("revoked_at"),
  },
  (t) => [index("api_keys_org_id_idx").on(t.orgId)],
);

export const settings = pgTable(
  "settings",
  {
    orgId: orgIdColumn(),
    key: text("key").notNull(),
    value: text("value").notNull(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.key] })],
);
