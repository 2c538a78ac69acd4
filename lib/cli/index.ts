import { parseArgs } from "node:util";
import { databaseUrl } from "../config";
import { openDatabase } from "../db/client";
import { checkEnv, EnvError } from "../env";
import { DomainError } from "../errors";
import { runCommand, type CommandRequest } from "./commands";
import { callControlSocket } from "./control-socket";
import { transformsHuman, transformsRequest, TRANSFORMS_USAGE } from "./transforms";
import { print, printError } from "./output";
import { cliOptions } from "./options";

const USAGE = `Usage: flowgate <command> [options] [--json]

Commands:
  migrate                                               apply database migrations
  org create NAME                                       create an organization
  org list                                              list organizations
  user create --email E --password P --org NAME --role R
  member add --email E --org NAME --role R              add an existing user to another organization
  api-key create --org NAME --role R --name NAME        prints the key once
  routes sync|register|unregister|list …                the agent's route client (flowgate routes --help)
  transforms list|get|create|save|diff|compile|preview|delete … (flowgate transforms --help)

Roles: owner, admin, operator, viewer. Uses DATABASE_URL when set, else the embedded database in
FLOWGATE_DATA_DIR (through the running server when one holds it).`;

type Printer = (result: unknown) => string;

const human: Record<string, Printer> = {
  migrate: (r) => `Migrations applied (${(r as { driver: string }).driver}).`,
  "org.create": (r) => `Created organization ${(r as { name: string }).name} (${(r as { id: string }).id}).`,
  "org.list": (r) =>
    (r as { id: string; name: string }[]).map((o) => `${o.id}  ${o.name}`).join("\n") || "No organizations.",
  "user.create": (r) =>
    `Created user ${(r as { email: string }).email} (${(r as { role: string }).role} in ${(r as { org: string }).org}).`,
  "member.add": (r) =>
    `Added ${(r as { email: string }).email} to ${(r as { org: string }).org} as ${(r as { role: string }).role}.`,
  "api-key.create": (r) => `API key (shown once, store it now):\n${(r as { key: string }).key}`,
  ...transformsHuman,
};

function toRequest(argv: string[]): { request: CommandRequest; json: boolean } | null {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: cliOptions("email password org role name"),
  });
  if (values.help || positionals.length === 0) return null;
  const [noun, verb, arg] = positionals;
  const command = noun === "migrate" ? "migrate" : `${noun}.${verb ?? ""}`;
  const args = {
    email: values.email,
    password: values.password,
    org: values.org,
    role: values.role,
    name: values.name ?? arg,
  };
  return { request: { command, args }, json: values.json === true };
}

async function execute(request: CommandRequest): Promise<unknown> {
  if (!databaseUrl()) {
    const remote = await callControlSocket(request);
    if (remote) {
      if (!remote.ok) throw Object.assign(new Error(remote.error), { status: remote.status });
      return remote.result;
    }
  }
  const database = await openDatabase();
  try {
    return await runCommand(database, request);
  } finally {
    await database.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === "routes") {
    const { routesMain } = await import("../ingress-routes/agent/cli");
    return routesMain(argv.slice(1));
  }
  const usage = argv[0] === "transforms" ? TRANSFORMS_USAGE : USAGE;
  let parsed;
  try {
    parsed = argv[0] === "transforms" ? transformsRequest(argv.slice(1)) : toRequest(argv);
  } catch (err) {
    printError(`flowgate: ${(err as Error).message}\n\n${usage}`);
    return 2;
  }
  if (!parsed) {
    print(usage);
    return argv.length === 0 ? 2 : 0;
  }
  const { request, json } = parsed;
  try {
    checkEnv();
    const result = await execute(request);
    print(json ? JSON.stringify(result, null, 2) : (human[request.command]?.(result) ?? JSON.stringify(result)));
    return 0;
  } catch (err) {
    const message =
      err instanceof DomainError || err instanceof EnvError || (err as { status?: number }).status
        ? (err as Error).message
        : String(err);
    if (json) printError(JSON.stringify({ error: message }));
    else printError(`flowgate: ${message}`);
    return 1;
  }
}
