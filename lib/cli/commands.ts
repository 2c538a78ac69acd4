import type { Database } from "../db/client";
import type { Ctx } from "../auth/context";
import { ROLES, type Role } from "../auth/roles";
import { InvalidInputError } from "../errors";
import { createOrg } from "../orgs/create";
import { getOrgByName, listOrgs } from "../orgs/queries";
import { createUser } from "../users/create";
import { addMembership } from "../users/add-membership";
import { createApiKey } from "../api-keys/create";

export type CommandRequest = { command: string; args: Record<string, string | undefined> };

function need(args: CommandRequest["args"], name: string): string {
  const v = args[name];
  if (!v) throw new InvalidInputError(`Missing --${name}`);
  return v;
}

/** System context for operator commands: acts as owner of the named org, audited as "cli". */
async function cliContext(database: Database, orgName: string): Promise<Ctx> {
  const org = await getOrgByName(database.db, orgName);
  return { db: database.db, orgId: org.id, role: "owner", actor: "system:cli" };
}

/** Runs one CLI command against a database. The same function serves the local CLI and the server's control socket. */
export async function runCommand(database: Database, { command, args }: CommandRequest): Promise<unknown> {
  if (command.startsWith("transforms.")) {
    // Loaded on demand: the compiler and preview are a large import every other command would pay for at start-up.
    const { runTransformsCommand } = await import("./transforms-run");
    return runTransformsCommand(
      await cliContext(database, need(args, "org")),
      command.slice("transforms.".length),
      args,
    );
  }
  switch (command) {
    case "migrate":
      return { migrated: true, driver: database.driver };
    case "org.create": {
      const org = await createOrg(database.db, { name: need(args, "name") });
      return { id: org.id, name: org.name, created_at: org.createdAt };
    }
    case "org.list":
      return (await listOrgs(database.db)).map((o) => ({ id: o.id, name: o.name, created_at: o.createdAt }));
    case "user.create":
      return createUser(database.db, {
        email: need(args, "email"),
        password: need(args, "password"),
        org: need(args, "org"),
        role: need(args, "role") as Role,
      });
    case "member.add":
      return addMembership(database.db, {
        email: need(args, "email"),
        org: need(args, "org"),
        role: need(args, "role") as Role,
      });
    case "api-key.create": {
      const role = need(args, "role");
      if (!ROLES.includes(role as Role)) throw new InvalidInputError(`--role must be one of ${ROLES.join(", ")}`);
      const ctx = await cliContext(database, need(args, "org"));
      return createApiKey(ctx, { name: need(args, "name"), role: role as Role });
    }
    default:
      throw new InvalidInputError(`Unknown command "${command}"`);
  }
}
