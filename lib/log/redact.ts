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
 * pino's error serializer, except for drizzle's query errors: their message and `params` hold the query's
 * parameters (password hashes, token hashes), so only the SQL and the driver's own cause are kept.
 */
export function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const e = err as Error & { query?: unknown; params?: unknown };
  if (typeof e.query === "string" && "params" in e) {
    return { type: e.name, message: `Failed query: ${e.query}`, cause: serializeError(e.cause) };
  }
  return pino.stdSerializers.err(err);
}
