/**
 * OpAMP server log lines. Never pass tokens or Authorization headers here: messages name gateways, uids and
 * addresses only. FLOWGATE_LOG_LEVEL=warn silences the per-connection info lines (e.g. for benchmarks).
 */
export const opampLog = {
  info(message: string): void {
    if (process.env.FLOWGATE_LOG_LEVEL !== "warn") console.log(`[opamp] ${message}`);
  },
  warn(message: string): void {
    console.warn(`[opamp] ${message}`);
  },
};

/** A short reason for a log line: the driver's own message (drizzle wraps it with the whole query and parameters). */
export function errorText(err: unknown): string {
  const e = err as { message?: string; cause?: { message?: string } };
  return String(e?.cause?.message ?? e?.message ?? err).slice(0, 300);
}
