import { randomBytes } from "node:crypto";
import { Api } from "./api";
import { cli, createBenchDatabase, ensureBuild, startServerProcess } from "./servers";
import { int, percentile } from "./stats";

/**
 * `npx tsx bench/agents-list.ts [--gateways 10000] [--rounds 30]`: the Agents table's data request at fleet size.
 * Seeds N gateways through the real registration route, tags half of them with one bulk request (also timed), then
 * times GET /api/v1/gateways pages (25 rows, the table's page size) with the table's sorts and filters, printing
 * p50/p99 per query. DATABASE_URL measures PostgreSQL; without it, the embedded PGlite.
 */
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const N = arg("gateways", 10_000);
const ROUNDS = arg("rounds", 30);

const QUERIES = [
  "limit=25",
  "limit=25&page=200",
  "limit=25&sort=last_seen&order=desc",
  "limit=25&sort=status",
  "limit=25&health=unknown",
  "limit=25&status=registered&sort=created_at&order=desc",
  "limit=25&tag=half=yes",
  "limit=25&q=00042",
  "limit=25&q=list-&tag=half=yes&sort=instance_id&order=desc",
];

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const out = await fn();
  return [performance.now() - t, out];
}

async function main() {
  ensureBuild();
  const db = await createBenchDatabase();
  const runId = randomBytes(3).toString("hex");
  const server = await startServerProcess(db, {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    FLOWGATE_JWT_SECRET: randomBytes(32).toString("base64url"),
    FLOWGATE_ADMIN_PASSWORD: randomBytes(12).toString("base64url"),
  });
  try {
    const key = JSON.parse(
      cli(server, ["api-key", "create", "--org", "default", "--role", "owner", "--name", "b", "--json"]),
    );
    const api = new Api(server.url, key.key, key.org_id);
    const [regMs, agents] = await timed(() => api.registerGateways(N, `list-${runId}`, 16));
    console.log(`[bench] ${int(N)} gateways registered in ${(regMs / 1000).toFixed(1)} s (${db.driver})`);
    const half = agents.filter((_, i) => i % 2 === 0).map((a) => a.id);
    const [tagMs] = await timed(() =>
      api.call("POST", `/api/v1/gateways/bulk?org_id=${key.org_id}`, {
        action: "add_tags",
        gateway_ids: half,
        tags: { half: "yes" },
      }),
    );
    console.log(`[bench] bulk add_tags on ${int(half.length)} gateways: ${tagMs.toFixed(0)} ms (one request)`);
    console.log("query | p50 ms | p99 ms | total rows");
    for (const q of QUERIES) {
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < ROUNDS; i++) {
        const [ms, page] = await timed(() =>
          api.call<{ total: number }>("GET", `/api/v1/gateways?org_id=${key.org_id}&${q}`),
        );
        times.push(ms);
        total = page.total;
      }
      times.sort((a, b) => a - b);
      console.log(`${q} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 99).toFixed(1)} | ${int(total)}`);
    }
  } finally {
    await server.stop();
    await db.drop();
  }
}

await main();
