import { logger } from "../log/logger";

/**
 * OpAMP server log lines. Never pass tokens or Authorization headers here: messages name gateways, uids and
 * addresses only. LOG_LEVEL=warn silences the per-connection info lines. The logger's buffered stdout keeps a
 * fleet connecting to a few writes.
 */
export const opampLog = {
  info(message: string): void {
    logger("opamp").info(message);
  },
  warn(message: string): void {
    logger("opamp").warn(message);
  },
  error(message: string): void {
    logger("opamp").error(message);
  },
};

/** A short reason for a log line: the driver's own message (drizzle wraps it with the whole query and parameters). */
export function errorText(err: unknown): string {
  const e = err as { message?: string; cause?: { message?: string } };
  return String(e?.cause?.message ?? e?.message ?? err).slice(0, 300);
}
