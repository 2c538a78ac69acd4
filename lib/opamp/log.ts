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
