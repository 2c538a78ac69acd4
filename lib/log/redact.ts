import pino from "pino";

/** Field names whose values never reach a log line, at the top level and two levels down (req.headers.cookie). */
const SECRET_FIELDS = [
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  "password",
  "token",
  "opamp_token",
  "access_token",
  "refresh_token",
  "id_token",
  "jwt",
  "key",
  "api_key",
  "apiKey",
  "secret",
  "client_secret",
  "clientSecret",
  "AUTH_SECRET",
  "FLOWGATE_JWT_SECRET",
  "AUTH_OIDC_CLIENT_SECRET",
  "FLOWGATE_ADMIN_PASSWORD",
  "DATABASE_URL",
];

const field = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `["${name}"]`);
const top = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `["${name}"]`);

export const REDACT_PATHS = SECRET_FIELDS.flatMap((name) => [top(name), `*${field(name)}`, `*.*${field(name)}`]);
export const REDACTED = "[redacted]";

/**
 * pino's error serializer, except for database errors: a drizzle query error's message and `params` hold the
 * query's parameters (password, API-key and token digests), and PostgreSQL's `detail` and `where` quote the data
 * back. So a failed query keeps only its statement, and the driver's error its class, SQLSTATE and message.
 */
export function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  if (isDriverError(err)) return driverError(err); // PGlite's carries the query and params too
  const e = err as Error & { query?: unknown; params?: unknown };
  if (typeof e.query === "string" && "params" in e) {
    return { type: e.name, message: `Failed query: ${redactStatement(e.query)}`, cause: serializeError(e.cause) };
  }
  return pino.stdSerializers.err(err);
}

/** A PostgreSQL error from either driver: it carries a SQLSTATE and the server's severity. */
function isDriverError(err: Error): boolean {
  const e = err as { code?: unknown; severity?: unknown };
  return typeof e.severity === "string" && typeof e.code === "string";
}

function driverError(err: Error) {
  return { type: err.name, code: (err as { code?: string }).code, message: redactText(err.message) };
}

/** String literals inlined in SQL (sql.raw) are data: only the statement's shape is kept. */
const redactStatement = (sql: string) => redactText(sql.replace(/'(?:[^']|'')*'/g, "'…'"));

/** Messages such as `invalid input syntax for type uuid: "<value>"` quote the value; NUL never reaches a log. */
const redactText = (text: string) => text.replace(/: ".*"$/s, ': "…"').replaceAll("\u0000", "\ufffd");
