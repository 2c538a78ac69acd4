import type { DestinationStream } from "pino";

const COLOURS: Record<string, string> = { trace: "90", debug: "36", info: "32", warn: "33", error: "31", fatal: "35" };
const OMIT = new Set(["level", "time", "pid", "hostname", "component", "msg", "err"]);

/** One JSON line as `12:00:00.123 INFO  [opamp] message key=value` (and the stack of an error). */
export function formatLine(line: string): string {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(line);
  } catch {
    return line;
  }
  const level = String(o.level ?? "");
  const time = typeof o.time === "string" ? o.time.slice(11, 23) : "";
  const component = o.component ? ` [${o.component}]` : "";
  const fields = Object.entries(o)
    .filter(([k]) => !OMIT.has(k))
    .map(([k, v]) => ` ${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join("");
  const err = o.err as { stack?: string; message?: string } | undefined;
  const stack = err ? `\n  ${(err.stack ?? err.message ?? JSON.stringify(err)).replaceAll("\n", "\n  ")}` : "";
  const label = level.toUpperCase().padEnd(5);
  return `${time} ${process.stdout.isTTY ? `\x1b[${COLOURS[level] ?? "0"}m${label}\x1b[0m` : label}${component} ${o.msg ?? ""}${fields}${stack}\n`;
}

/** `npm run dev`: readable lines instead of JSON, written to the same buffered stdout. */
export function prettyDestination(out: DestinationStream): DestinationStream {
  return { write: (line: string) => out.write(formatLine(line)) };
}
