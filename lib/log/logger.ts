import pino, { type DestinationStream, type Logger } from "pino";
import { env, type Env } from "../env";
import { processSingleton } from "../singleton";
import { currentLogContext } from "./context";
import { prettyDestination } from "./pretty";
import { REDACT_PATHS, REDACTED, serializeError } from "./redact";

export type LogLevel = Env["LOG_LEVEL"];

/** The server's logger setup: JSON lines, the current request or connection's ids on each, secrets redacted. */
export function createLogger(level: LogLevel, destination: DestinationStream): Logger {
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // A copy: pino merges the line's own fields into what mixin returns.
      mixin: () => ({ ...currentLogContext() }),
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: { err: serializeError },
    },
    destination,
  );
}

function levelFromEnv(): LogLevel {
  try {
    return env("LOG_LEVEL");
  } catch {
    return "info"; // server.ts reports the bad value (through this logger) and exits
  }
}

/**
 * stdout, asynchronously: lines written while a write is pending are buffered and go out together, so a fleet
 * connecting (thousands of lines in a turn of the event loop) costs a few writes. pino flushes it on exit.
 */
function destination(): DestinationStream {
  const stdout = pino.destination({ dest: 1, sync: false });
  return env("NODE_ENV") === "production" ? stdout : prettyDestination(stdout);
}

// One logger per process, shared by server.ts and Next's bundles (they load separate copies of this module).
const state = () =>
  processSingleton("log", () => ({
    root: createLogger(levelFromEnv(), destination()),
    children: new Map<string, Logger>(),
  }));

/** The process logger, or its child for one component (`component` names the part of the server on each line). */
export function logger(component?: string): Logger {
  const { root, children } = state();
  if (!component) return root;
  let child = children.get(component);
  if (!child) children.set(component, (child = root.child({ component })));
  return child;
}
