let infoLines: string[] = [];
import { env } from "../env";

/** One write for all the info lines of a turn of the event loop: a fleet connecting logs thousands of lines. */
function flushInfo(): void {
  if (infoLines.length === 0) return;
  const text = infoLines.join("");
  infoLines = [];
  process.stdout.write(text);
}
process.once("exit", flushInfo);

/**
 * OpAMP server log lines. Never pass tokens or Authorization headers here: messages name gateways, uids and
 * addresses only. FLOWGATE_LOG_LEVEL=warn silences the per-connection info lines.
 */
export const opampLog = {
  info(message: string): void {
    if (env("FLOWGATE_LOG_LEVEL") === "warn") return;
    if (infoLines.push(`[opamp] ${message}\n`) === 1) setImmediate(flushInfo);
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
