import pino, { type DestinationStream, type Logger } from "pino";
import { env, type Env } from "../env";
import { processSingleton } from "../singleton";
import { currentLogContext, type LogContext } from "./context";
import { prettyDestination } from "./pretty";
import { REDACT_PATHS, REDACTED, serializeError } from "./redact";

export type LogLevel = Env["LOG_LEVEL"];

/** Marks a logger whose bindings already hold the current request or connection ids. */
const OWN_IDS = Symbol("flowgate.log.ownIds");

/** The server's logger setup: JSON lines, the current request or connection's ids on each, secrets redacted. */
export function createLogger(level: LogLevel, destination: DestinationStream): Logger {
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // A copy: pino merges the line's own fields into what mixin returns. A stringLogger's child carries the ids.
      mixin: (_line, _level, instance) => (OWN_IDS in instance ? {} : { ...currentLogContext() }),
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

type Level = "debug" | "info" | "warn" | "error";
export type StringLog = Record<Level, (message: string) => void>;

/**
 * A child of `parent` for plain string messages on a hot path (OpAMP): each request or connection gets one child,
 * bound to its ids when it first logs, and no redaction pass runs (a string message has no field to redact; the pass
 * costs ~25 µs a line even on an empty object). Lines below the level cost a comparison.
 */
export function stringLogger(parent: () => Logger): StringLog {
  let base: Logger | undefined;
  const byContext = new WeakMap<LogContext, Logger>();
  const forContext = (): Logger => {
    base ??= Object.assign(parent().child({}, { redact: { paths: [], censor: REDACTED } }), {
      [OWN_IDS]: true,
    });
    const context = currentLogContext();
    if (!context) return base;
    let child = byContext.get(context);
    if (!child) byContext.set(context, (child = base.child({ ...context })));
    return child;
  };
  const at =
    (level: Level) =>
    (message: string): void => {
      const log = forContext();
      if (log.isLevelEnabled(level)) log[level](message);
    };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
