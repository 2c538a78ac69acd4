import { randomBytes } from "node:crypto";
import { count } from "drizzle-orm";
import { users } from "./db/schema";
import type { Db } from "./db/client";
import { createOrg } from "./orgs/create";
import { listOrgs } from "./orgs/queries";
import { createUser } from "./users/create";
import { publicUrl } from "./config";
import { env } from "./env";
import { logger } from "./log/logger";

export const DEFAULT_ADMIN_EMAIL = "admin@flowgate.local";

/**
 * First start with no users: create the `default` organization and an admin. The password comes from
 * FLOWGATE_ADMIN_PASSWORD, else it is generated and printed this one time (it is stored only as a hash).
 */
export async function bootstrapFirstAdmin(db: Db): Promise<void> {
  const [{ n }] = await db.select({ n: count() }).from(users);
  if (n > 0) return;
  const orgs = await listOrgs(db);
  if (!orgs.some((o) => o.name === "default")) await createOrg(db, { name: "default" });
  const email = env("FLOWGATE_ADMIN_EMAIL") || DEFAULT_ADMIN_EMAIL;
  const given = env("FLOWGATE_ADMIN_PASSWORD");
  const password = given || randomBytes(12).toString("base64url");
  await createUser(db, { email, password, org: "default", role: "owner", name: "Administrator" });
  const log = logger("bootstrap");
  log.info(`created the first admin: ${email} in organization "default"`);
  // Program output for whoever started the server, not a log line: log lines never carry secrets.
  if (!given) process.stderr.write(`generated admin password for ${email} (shown once): ${password}\n`);
  log.info(`sign in at ${publicUrl()}/sign-in`);
}
