/**
 * `npx tsx bench/profile-top.ts FILE.cpuprofile [--top N] [--from HH:MM:SS] [--to HH:MM:SS]`: where a V8 CPU profile
 * (from `npm run bench -- --cpu-prof`) spent its samples, optionally only between two wall-clock times (UTC, as the
 * bench's phase marks print them; the profile's start is read from node's file name, CPU.YYYYMMDD.HHMMSS.…).
 * Prints self time by area (FlowGate's code, ws, postgres.js, PGlite and its WebAssembly, Next, Node internals, GC,
 * idle, ...) and the top functions by self time, as shares of the samples, so runs of different lengths compare.
 */
import fs from "node:fs";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/** Milliseconds since the epoch of a wall-clock time on the profile's start day, or of the profile's start. */
function wallMs(file: string, hms?: string): number {
  const m = /CPU\.(\d{4})(\d{2})(\d{2})\.(\d{2})(\d{2})(\d{2})\./.exec(file);
  if (!m) throw new Error(`${file}: not named like node's --cpu-prof output (CPU.YYYYMMDD.HHMMSS.…)`);
  const [h, min, sec] = (hms ?? `${m[4]}:${m[5]}:${m[6]}`).split(":").map(Number);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), h, min, sec);
}

const AREAS: [string, RegExp][] = [
  ["flowgate lib/", /^(?!.*node_modules).*\/lib\//],
  ["server.ts", /^(?!.*node_modules).*\/server\.ts/],
  ["ws", /node_modules\/ws\//],
  ["protobufjs", /node_modules\/protobufjs\//],
  ["postgres.js", /node_modules\/postgres\//],
  ["drizzle-orm", /node_modules\/drizzle-orm\//],
  ["PGlite", /node_modules\/@electric-sql\/|^wasm:/],
  ["pino", /node_modules\/(pino|sonic-boom|fast-redact)/],
  ["next", /node_modules\/next\//],
  ["other node_modules", /node_modules\//],
  ["node internals", /^node:/],
];

function area(node: Node): string {
  const { functionName, url } = node.callFrame;
  if (functionName === "(idle)") return "idle";
  if (functionName === "(garbage collector)") return "GC";
  if (functionName === "(program)") return "program (native, outside JS)";
  for (const [name, re] of AREAS) if (re.test(url)) return name;
  return url ? "other" : "native (system calls, C++ builtins)";
}

function main() {
  const file = process.argv[2];
  if (!file) throw new Error("usage: tsx bench/profile-top.ts FILE.cpuprofile [--top N]");
  const top = Number(option("--top")) || 25;
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const start = wallMs(file);
  const from = option("--from") ? wallMs(file, option("--from")) - start : -Infinity;
  const to = option("--to") ? wallMs(file, option("--to")) - start : Infinity;
  const selfUs = new Map<number, number>();
  let atMs = 0;
  profile.samples.forEach((id, i) => {
    atMs += (profile.timeDeltas[i] ?? 0) / 1000;
    if (atMs >= from && atMs < to) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;

  const areas = new Map<string, number>();
  const fns = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    areas.set(area(node), (areas.get(area(node)) ?? 0) + us);
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${url.replace(/^.*?\/(node_modules\/|lib\/)/, "$1")}:${lineNumber + 1}` : "";
    const key = `${functionName || "(anonymous)"} ${where}`.trim();
    fns.set(key, (fns.get(key) ?? 0) + us);
  }
  console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled`);
  console.log("\nby area (self time):");
  for (const [name, us] of [...areas].sort((a, b) => b[1] - a[1])) console.log(`  ${pct(us)}  ${name}`);
  console.log(`\ntop ${top} functions (self time):`);
  for (const [name, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us)}  ${name}`);
}

main();
