import { pgEnum, pgTable, primaryKey, text, index } from "drizzle-orm/pg-core";
import { createdAt, id, optionalRef, parentRef, ts, updatedAt } from "./common";

export const roleEnum = pgEnum("role", ["owner", "admin", "operator", "viewer"]);

export const organizations = pgTable("organizations", {
  id: id(),
  name: text("name").notNull().unique(),
  createdAt: createdAt(),
});

/** The owning organization of an org-scoped row: deleting the organization deletes the row. */
export const orgIdColumn = () => parentRef("org_id", () => organizations.id);

/** A user who created or changed a row; kept as null when the user is deleted. */
export const userRef = (name: string) => optionalRef(name, () => users.id);

/** The id and owning organization every org-scoped entity starts with. */
export const orgEntity = () => ({ id: id(), orgId: orgIdColumn() });

/** Who created a row and when. */
export const createdByAt = () => ({ createdBy: userRef("created_by"), createdAt: createdAt() });

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
    userId: parentRef("user_id", () => users.id),
    orgId: orgIdColumn(),
    role: roleEnum("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.orgId] }), index("memberships_org_id_idx").on(t.orgId)],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    ...orgEntity(),
    name: text("name").notNull(),
    /** First characters of the key, shown in lists so people can tell keys apart. */
    prefix: text("prefix").notNull(),
    /** SHA-256 hex of the whole key: keys are 256-bit random, so a fast hash is enough. */
    keyHash: text("key_hash").notNull().unique(),
    role: roleEnum("role").notNull(),
    ...createdByAt(),
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
    updatedAt: updatedAt(),
    updatedBy: userRef("updated_by"),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.key] })],
);
