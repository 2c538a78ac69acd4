import { logger, stringLogger } from "../log/logger";

/**
 * OpAMP server log lines: plain strings, so never pass tokens or Authorization headers here; messages name
 * gateways, uids and addresses only. Each connection's lines come from one child logger bound to its conn_id
 * (see stringLogger). LOG_LEVEL=warn silences the per-connection info lines; nothing is logged per message at info.
 */
export const opampLog = stringLogger(() => logger("opamp"));

/** A short reason for a log line: the driver's own message (drizzle wraps it with the whole query and parameters). */
export function errorText(err: unknown): string {
  const e = err as { message?: string; cause?: { message?: string } };
  return String(e?.cause?.message ?? e?.message ?? err).slice(0, 300);
}
