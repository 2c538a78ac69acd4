// `npm run fuzz`: a long property-based run (100,000 cases by default, FUZZ_CASES to change, FUZZ_SEED to replay)
// against a real server on the built app, on PostgreSQL when DATABASE_URL is set, else PGlite. Prints the count of
// each outcome and exits 1 if any is a failure (a 5xx, UNAVAILABLE, an internal-error close, no reply).
import { startServer } from "../helpers/server";
import { fuzzServer } from "./setup";

const total = Number(process.env.FUZZ_CASES ?? 100_000);
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
const cases = { ws: Math.round(total * 0.4), http: Math.round(total * 0.3), rest: 0 };
cases.rest = total - cases.ws - cases.http;

// Per-credential rate limits raised out of the way: at fuzzing speed most REST cases would otherwise be 429s that never
// reach a handler (the limits themselves are tested in abuse-rest-limits.test.ts).
const unlimited = "100000000";
const server = await startServer({
  env: {
    LOG_LEVEL: "warn",
    FLOWGATE_RATE_LIMIT_API_KEY_PER_MIN: unlimited,
    FLOWGATE_RATE_LIMIT_OPAMP_TOKEN_PER_MIN: unlimited,
    FLOWGATE_RATE_LIMIT_REGISTRATION_PER_MIN: unlimited,
  },
});
const started = Date.now();
let failed = true;
try {
  console.log(`fuzz: ${total} cases (ws ${cases.ws}, http ${cases.http}, rest ${cases.rest}), seed ${seed}`);
  console.log(`database: ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}`);
  const out = await fuzzServer(server, cases, seed, (phase) =>
    console.log(`  ${phase} (${((Date.now() - started) / 1000).toFixed(0)} s)`),
  );
  console.log(`\n${out.table()}\n\n${out.total} cases in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  for (const [key, input] of out.examples) console.log(`\nfirst input for "${key}":\n${input}`);
  failed = out.failures().length > 0;
  console.log(failed ? `\nFAILED: ${out.failures().join(", ")}` : "\nno failure");
} finally {
  await server.stop();
}
process.exit(failed ? 1 : 0);
