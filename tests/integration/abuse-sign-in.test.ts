import { afterAll, beforeAll, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";

// Sign-in limits (lib/rate-limit/sign-in.ts): failures per account and per address, counted in the database, a
// dummy hash for unknown e-mails, lockouts in the audit log. Addresses come from X-Forwarded-For, as behind a proxy.
const PER_ACCOUNT = 4;
const PER_IP = 6;
let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    env: {
      LOG_LEVEL: "warn",
      FLOWGATE_SIGNIN_MAX_FAILURES_PER_ACCOUNT: String(PER_ACCOUNT),
      FLOWGATE_SIGNIN_MAX_FAILURES_PER_IP: String(PER_IP),
    },
  });
  for (const email of ["known@example.com", "victim@example.com", "burst@example.com"]) {
    const r = await server.cli([
      "user",
      "create",
      "--email",
      email,
      "--password",
      "right-password",
      "--org",
      "default",
      "--role",
      "viewer",
    ]);
    if (r.code !== 0) throw new Error(r.stderr);
  }
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

/** One credentials sign-in from `ip`; `ms` times only the callback POST (where the password is checked). */
async function attempt(email: string, password: string, ip: string) {
  const headers = { "x-forwarded-for": ip };
  const csrf = await fetch(`${server.url}/api/auth/csrf`, { headers });
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const started = performance.now();
  const res = await fetch(`${server.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${server.url}/` }),
  });
  const ms = performance.now() - started;
  await res.body?.cancel();
  const signedIn = res.headers.getSetCookie().some((c) => c.split("=")[0].endsWith("authjs.session-token"));
  const code = new URL(res.headers.get("location") ?? "/", server.url).searchParams.get("code");
  return { ms, signedIn, code };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function lockouts() {
  const { key } = await server.adminKey();
  const res = await fetch(`${server.url}/api/v1/settings/audit-log?limit=100`, {
    headers: { authorization: `Bearer ${key}` },
  });
  const { items } = (await res.json()) as {
    items: { action: string; actor: string; details: Record<string, unknown> }[];
  };
  return items.filter((e) => e.action === "user.sign_in_locked");
}

it("takes as long for an unknown e-mail as for a known one (a dummy password hash)", async () => {
  const unknown: number[] = [];
  const known: number[] = [];
  // Interleaved, a fresh address per round; the right password each round clears the account's count.
  for (let i = 0; i < 11; i++) {
    const ip = `198.51.100.${i + 1}`;
    unknown.push((await attempt(`nobody-${i}@example.com`, "wrong-password", ip)).ms);
    known.push((await attempt("known@example.com", "wrong-password", ip)).ms);
    expect((await attempt("known@example.com", "right-password", ip)).signedIn).toBe(true);
  }
  const ratio = median(known) / median(unknown);
  // Without the dummy hash an unknown e-mail skips scrypt and answers several times faster.
  expect(ratio, `known ${median(known).toFixed(1)} ms, unknown ${median(unknown).toFixed(1)} ms`).toBeLessThan(3);
  expect(ratio).toBeGreaterThan(1 / 3);
}, 120_000);

it("locks an address out after its failures, without checking the password, and audits it", async () => {
  const ip = "192.0.2.77";
  for (let i = 0; i < PER_IP; i++) {
    const r = await attempt(`stranger-${i}@example.com`, "wrong-password", ip);
    expect(r).toMatchObject({ signedIn: false, code: "credentials" });
  }
  // The right password from that address is refused too; the same account from elsewhere is not.
  expect(await attempt("known@example.com", "right-password", ip)).toMatchObject({
    signedIn: false,
    code: "rate_limited",
  });
  expect((await attempt("known@example.com", "right-password", "192.0.2.78")).signedIn).toBe(true);
  expect(await lockouts()).toEqual([
    expect.objectContaining({ actor: "system", details: expect.objectContaining({ scope: "address", ip }) }),
  ]);
}, 60_000);

it("locks an account out after its failures from any addresses, and audits it once", async () => {
  for (let i = 0; i < PER_ACCOUNT; i++)
    expect(await attempt("victim@example.com", "wrong-password", `192.0.2.${100 + i}`)).toMatchObject({
      signedIn: false,
      code: "credentials",
    });
  for (let i = 0; i < 2; i++)
    expect(await attempt("victim@example.com", "right-password", `192.0.2.${110 + i}`)).toMatchObject({
      signedIn: false,
      code: "rate_limited",
    });
  const account = (await lockouts()).filter((e) => e.details.scope === "account");
  expect(account).toHaveLength(1);
}, 60_000);

it("checks at most the account's limit of passwords in a parallel burst (the count is atomic, in the database)", async () => {
  const burst = await Promise.all(
    Array.from({ length: 12 }, (_, i) => attempt("burst@example.com", "wrong-password", `192.0.2.${150 + i}`)),
  );
  expect(burst.filter((r) => r.code === "credentials")).toHaveLength(PER_ACCOUNT);
  expect(burst.filter((r) => r.code === "rate_limited")).toHaveLength(12 - PER_ACCOUNT);
}, 60_000);
