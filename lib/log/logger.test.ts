import { describe, expect, it } from "vitest";
import { withLogContext } from "./context";
import { createLogger, stringLogger } from "./logger";
import { REDACTED } from "./redact";

function capture(level: Parameters<typeof createLogger>[0] = "info") {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const log = createLogger(level, { write: (line: string) => void (raw.push(line), lines.push(JSON.parse(line))) });
  return { log, lines, raw };
}

describe("the server's logger", () => {
  it("redacts authorization headers, cookies, tokens, passwords, keys and secrets wherever they sit", () => {
    const { log, lines, raw } = capture();
    const secrets = [
      "s-auth",
      "s-cookie",
      "s-setcookie",
      "s-pw",
      "s-token",
      "s-opamp",
      "s-key",
      "s-apikey",
      "s-secret",
      "s-client",
      "s-db",
      "s-xkey",
    ];
    log.info(
      {
        req: { headers: { authorization: "Bearer s-auth", cookie: "session=s-cookie", "x-api-key": "s-xkey" } },
        res: { headers: { "set-cookie": "a=s-setcookie" } },
        password: "s-pw",
        gateway: { token: "s-token", opamp_token: "s-opamp" },
        apiKey: { key: "s-key" },
        api_key: "s-apikey",
        oidc: { client_secret: "s-client", nested: { secret: "s-secret" } },
        env: { DATABASE_URL: "postgres://u:s-db@h/db" },
      },
      "with secrets",
    );
    for (const s of secrets) expect(raw[0]).not.toContain(s);
    expect(lines[0]).toMatchObject({
      level: "info",
      msg: "with secrets",
      password: REDACTED,
      req: { headers: { authorization: REDACTED } },
    });
  });

  it("keeps a drizzle query error's SQL and cause but not its parameters", () => {
    const { log, raw, lines } = capture();
    const err = Object.assign(new Error("Failed query: select 1 where hash = $1\nparams: s-hash"), {
      name: "DrizzleQueryError",
      query: "select 1 where hash = $1",
      params: ["s-hash"],
      cause: new Error("connection refused"),
    });
    log.error({ err }, "query failed");
    expect(raw[0]).not.toContain("s-hash");
    expect(lines[0].err).toMatchObject({
      message: "Failed query: select 1 where hash = $1",
      cause: { message: "connection refused" },
    });
  });

  it("puts the current request or connection id on each line without changing the context", () => {
    const { log, lines } = capture();
    const context = { req_id: "r-1" };
    withLogContext(context, () => log.info({ extra: 1 }, "inside"));
    log.info("outside");
    expect(lines[0]).toMatchObject({ req_id: "r-1", extra: 1 });
    expect(lines[1].req_id).toBeUndefined();
    expect(context).toEqual({ req_id: "r-1" });
  });

  it("honours the level", () => {
    const { log, lines } = capture("warn");
    log.info("hidden");
    log.warn("shown");
    expect(lines.map((l) => l.msg)).toEqual(["shown"]);
  });

  it("gives a string logger's lines the current ids once, from one child per context, and honours the level", () => {
    const { log, lines, raw } = capture();
    const strings = stringLogger(() => log.child({ component: "opamp" }));
    const conn = { conn_id: "c-1" };
    withLogContext(conn, () => strings.info("first"));
    withLogContext(conn, () => strings.warn("second"));
    withLogContext({ req_id: "r-2" }, () => strings.info("other"));
    strings.info("none");
    strings.debug("hidden");
    expect(lines.map((l) => [l.msg, l.conn_id, l.req_id, l.component])).toEqual([
      ["first", "c-1", undefined, "opamp"],
      ["second", "c-1", undefined, "opamp"],
      ["other", undefined, "r-2", "opamp"],
      ["none", undefined, undefined, "opamp"],
    ]);
    expect(raw[0].match(/conn_id/g)).toHaveLength(1);
  });
});
