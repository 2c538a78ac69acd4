import { afterAll, beforeAll, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";
import { opampFixture } from "./opamp-fixtures";

// Per-credential REST limits (lib/rate-limit/rest.ts, hooked in route()): 429 + Retry-After per API key, per OpAMP
// token (route registry and OTLP share it) and per registration token and source address. The windows are fixed
// minutes, so a run may straddle a boundary once: the first 429 then comes within two windows' worth of calls.
const LIMIT = 8;
let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    env: {
      LOG_LEVEL: "warn",
      FLOWGATE_RATE_LIMIT_API_KEY_PER_MIN: String(LIMIT),
      FLOWGATE_RATE_LIMIT_OPAMP_TOKEN_PER_MIN: String(LIMIT),
      FLOWGATE_RATE_LIMIT_REGISTRATION_PER_MIN: String(LIMIT),
    },
  });
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

/** Calls until the first 429 (at most two windows' worth); returns it and how many were answered before. */
async function untilLimited(call: (i: number) => Promise<Response>) {
  for (let i = 0; i <= 2 * LIMIT + 1; i++) {
    const res = await call(i);
    if (res.status === 429) return { res, answered: i };
    expect(res.status).toBeLessThan(400);
    await res.body?.cancel();
  }
  throw new Error(`no 429 within ${2 * LIMIT + 2} calls`);
}

function expectRetryAfter(res: Response) {
  const seconds = Number(res.headers.get("retry-after"));
  expect(Number.isInteger(seconds) && seconds >= 1 && seconds <= 60).toBe(true);
}

const bearer = (token: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...extra });

it("answers 429 with Retry-After per registration token and address, per OpAMP token, and per API key", async () => {
  const fx = opampFixture(server);
  const rt = await fx.api("POST", "/api/v1/registration-tokens", { name: "limits", max_uses: 100 });
  expect(rt.status).toBe(201);
  const register = (i: number, from = "203.0.113.1") =>
    fetch(`${server.url}/api/v1/gateways`, {
      method: "POST",
      headers: bearer(rt.json.token, { "content-type": "application/json", "x-forwarded-for": from }),
      body: JSON.stringify({ instance_id: `limited-${from}-${i}` }),
    });

  // Registration: one token from one address, then the same token from another address is still served.
  let opampToken = "";
  const reg = await untilLimited(async (i) => {
    const res = await register(i);
    if (res.status === 201 && !opampToken)
      opampToken = ((await res.clone().json()) as { opamp_token: string }).opamp_token;
    return res;
  });
  expect(reg.answered).toBeGreaterThanOrEqual(LIMIT);
  expectRetryAfter(reg.res);
  expect(((await reg.res.json()) as { detail: string }).detail).toMatch(/registration token/);
  expect((await register(0, "203.0.113.2")).status).toBe(201);

  // OpAMP token: the route registry and the OTLP receiver count against the same token.
  const routes = await untilLimited(() =>
    fetch(`${server.url}/api/v1/gateway/routes`, { headers: bearer(opampToken) }),
  );
  expectRetryAfter(routes.res);
  expect(((await routes.res.json()) as { detail: string }).detail).toMatch(/OpAMP token/);
  const otlp = await fetch(`${server.url}/api/v1/otlp/v1/metrics`, {
    method: "POST",
    headers: bearer(opampToken, { "content-type": "application/json" }),
    body: "{}",
  });
  expect(otlp.status).toBe(429);
  expectRetryAfter(otlp);
  expect(((await otlp.json()) as { code: number }).code).toBe(8); // google.rpc RESOURCE_EXHAUSTED

  // API keys: one key limited, another key of the same org still served.
  const { key } = await server.adminKey();
  const apiKey = await untilLimited(() => fetch(`${server.url}/api/v1/gateways`, { headers: bearer(key) }));
  expectRetryAfter(apiKey.res);
  const other = await server.cli([
    "api-key",
    "create",
    "--org",
    "default",
    "--role",
    "viewer",
    "--name",
    "other",
    "--json",
  ]);
  const otherKey = (JSON.parse(other.stdout) as { key: string }).key;
  expect((await fetch(`${server.url}/api/v1/gateways`, { headers: bearer(otherKey) })).status).toBe(200);
  // Wrong keys are counted before they are verified, so guessing is bounded too.
  const wrong = await untilLimited(() =>
    fetch(`${server.url}/api/v1/gateways`, { headers: bearer("fgk_not-a-real-key") }).then((r) =>
      r.status === 401 ? new Response(null, { status: 204 }) : r,
    ),
  );
  expectRetryAfter(wrong.res);
}, 60_000);
