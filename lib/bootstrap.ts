import { randomBytes } from "node:crypto";
import { count } from "drizzle-orm";
import { users } from "./db/schema";
import type { Db } from "./db/client";
import { createOrg } from "./orgs/create";
import { listOrgs } from "./orgs/queries";
import { createUser } from "./users/create";
import { publicUrl } from "./config";
import { env } from "./env";

export const DEFAULT_ADMIN_EMAIL = "admin@flowgate.local";

/**
 * First start with no users: create the `default` organization and an admin. The password comes from
 * FLOWGATE_ADMIN_PASSWORD, else it is generated and printed this one time (it is stored only as a hash).
 */
export async function bootstrapFirstAdmin(db: Db, log: (line: string) => void = console.log): Promise<void> {
  const [{ n }] = await db.select({ n: count() }).from(users);
  if (n > 0) return;
  const orgs = await listOrgs(db);
  if (!orgs.some((o) => o.name === "default")) await createOrg(db, { name: "default" });
  const email = env("FLOWGATE_ADMIN_EMAIL") || DEFAULT_ADMIN_EMAIL;
  const given = env("FLOWGATE_ADMIN_PASSWORD");
  const password = given || randomBytes(12).toString("base64url");
  await createUser(db, { email, password, org: "default", role: "owner", name: "Administrator" });
  log(`[flowgate] created the first admin: ${email} in organization "default"`);
  if (!given) log(`[flowgate] generated admin password (shown once): ${password}`);
  log(`[flowgate] sign in at ${publicUrl()}/sign-in`);
}
