import fs from "node:fs";
import { parseArgs } from "node:util";
import {
  ControllerClient,
  ControllerError,
  type RegisterResult,
  type RouteJson,
  type SyncIngressesRequest,
  type SyncResult,
} from "./client";
import { env } from "../../env";
import { print, printError } from "../../cli/output";
import { cliOptions } from "../../cli/options";

export const ROUTES_USAGE = `Usage: flowgate routes <command> [--url URL] [--token TOKEN] [--json]

Commands:
  sync --file ingresses.json        replace the cluster's routes with the file's SyncIngressesRequest ("-" = stdin)
  register --hostname H --cluster-uuid C --namespace N --service S --port P
           [--ingress NAME] [--path /] [--path-type Prefix|Exact|ImplementationSpecific] [--tls]
           [--routing-mode direct|tunnel] [--public-endpoint HOST:PORT]
  unregister --hostname H           remove a hostname (every path) from your clusters
  list [--cluster-uuid C] [--routing-mode M] [--q TEXT] [--page N] [--limit N] [--org-id ID]

The token is the gateway's OpAMP token (or an API key: operator or higher to write, any role to list); it
defaults to FLOWGATE_AGENT_TOKEN. The URL defaults to FLOWGATE_URL, else http://localhost:3000.
--ingress defaults to the service name; --routing-mode defaults to direct with --public-endpoint, else tunnel.`;

const OPTIONS = cliOptions(
  "url token file hostname cluster-uuid namespace service port ingress path path-type routing-mode public-endpoint q page limit org-id retries",
  "tls",
);

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

class UsageError extends Error {}

function need(values: Values, name: keyof Values): string {
  const v = values[name];
  if (typeof v !== "string" || v === "") throw new UsageError(`Missing --${name}`);
  return v;
}

function readSyncFile(file: string): SyncIngressesRequest {
  const text = fs.readFileSync(file === "-" ? 0 : file, "utf8");
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${file} is not valid JSON`);
  }
}

function registerBody(values: Values) {
  const missing = (["hostname", "cluster-uuid", "namespace", "service", "port"] as const).filter((k) => !values[k]);
  if (missing.length > 0) throw new UsageError(`Missing ${missing.map((k) => `--${k}`).join(", ")}`);
  const port = need(values, "port");
  if (!/^\d+$/.test(port)) throw new UsageError("--port must be a number");
  const endpoint = values["public-endpoint"] ?? "";
  return {
    hostname: need(values, "hostname"),
    cluster_uuid: need(values, "cluster-uuid"),
    namespace: need(values, "namespace"),
    service_name: need(values, "service"),
    service_port: Number(port),
    ingress_name: values.ingress ?? need(values, "service"),
    path: values.path ?? "/",
    path_type: (values["path-type"] ?? "Prefix") as "Prefix",
    tls: values.tls === true,
    public_endpoint: endpoint,
    routing_mode: (values["routing-mode"] ?? (endpoint ? "direct" : "tunnel")) as "direct",
  };
}

const human: Record<string, (r: unknown) => string> = {
  sync: (r) => {
    const s = r as SyncResult;
    return `Synced cluster ${s.cluster_uuid}: ${s.route_count} routes (${s.created} created, ${s.updated} updated, ${s.removed} removed, ${s.unchanged} unchanged).`;
  },
  register: (r) => {
    const { result, route } = r as RegisterResult;
    return `Route ${route.hostname}${route.path} ${result} (cluster ${route.cluster_uuid}).`;
  },
  unregister: (r) =>
    `Unregistered ${(r as { hostname: string }).hostname}: ${(r as { removed: number }).removed} route(s) removed.`,
  list: (r) => {
    const { items, total, page, limit } = r as { items: RouteJson[]; total: number; page: number; limit: number };
    if (total === 0) return "No routes.";
    const lines = items.map((x) =>
      [x.hostname + x.path, x.cluster_uuid, `${x.namespace}/${x.service_name}:${x.service_port}`, x.routing_mode].join(
        "  ",
      ),
    );
    return [...lines, `(${items.length} of ${total}, page ${page}, ${limit} per page)`].join("\n");
  },
};

async function run(client: ControllerClient, command: string, values: Values): Promise<unknown> {
  switch (command) {
    case "sync":
      return client.syncIngresses(readSyncFile(need(values, "file")));
    case "register":
      return client.registerRoute(registerBody(values));
    case "unregister":
      return client.unregisterRoute(need(values, "hostname"));
    case "list":
      return client.listRoutes({
        cluster_uuid: values["cluster-uuid"],
        routing_mode: values["routing-mode"] as "direct" | undefined,
        q: values.q,
        page: values.page,
        limit: values.limit,
        org_id: values["org-id"],
      });
    default:
      throw new UsageError(`Unknown routes command "${command}"`);
  }
}

/** `flowgate routes …`: the agent client from a shell. Exit 0 on success, 1 when the call fails, 2 on bad usage. */
export async function routesMain(argv: string[]): Promise<number> {
  let values: Values, positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true }));
  } catch (err) {
    printError(`flowgate routes: ${(err as Error).message}\n\n${ROUTES_USAGE}`);
    return 2;
  }
  const [command] = positionals;
  if (values.help || !command) {
    print(ROUTES_USAGE);
    return command || values.help ? 0 : 2;
  }
  const token = values.token ?? env("FLOWGATE_AGENT_TOKEN");
  try {
    if (!token) throw new UsageError("Missing --token (or FLOWGATE_AGENT_TOKEN)");
    const client = new ControllerClient({
      baseUrl: values.url ?? env("FLOWGATE_URL"),
      token,
      retries: values.retries === undefined ? undefined : Number(values.retries),
      logger: { warn: (m) => printError(`flowgate routes: ${m}`) },
    });
    const result = await run(client, command, values);
    print(values.json ? JSON.stringify(result, null, 2) : human[command](result));
    return 0;
  } catch (err) {
    const usage = err instanceof UsageError;
    const status = err instanceof ControllerError ? err.status : null;
    const message = err instanceof ControllerError || usage ? err.message : `${(err as Error).message}`;
    if (values.json) printError(JSON.stringify({ error: message, status }));
    else printError(`flowgate routes: ${message}${usage ? `\n\n${ROUTES_USAGE}` : ""}`);
    return usage ? 2 : 1;
  }
}
