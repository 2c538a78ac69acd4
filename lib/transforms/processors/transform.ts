import type { BoolExpr, Statement } from "../ottl/ast";
import { OttlRuntimeError } from "../ottl/context";
import { evalBool, execute } from "../ottl/eval";
import { OttlSyntaxError, parseCondition, parseStatement } from "../ottl/parse";
import type { ContextName } from "./contexts";
import type { Batch } from "./model";
import {
  BatchDroppedError,
  errorMode,
  ProcessorConfigError,
  stringList,
  type ErrorMode,
  type ProcessorImpl,
} from "./run";
import { forEachContext, SIGNAL_CONTEXTS } from "./walk";

/**
 * The transform processor (transformprocessor README): groups run in the order listed, each over every item of its
 * context; a group's `conditions` are OR-ed and gate the whole group; statements run in order. Under `ignore` a failing
 * statement is skipped for that item only.
 */
const KEY: Record<Batch["signal"], string> = {
  logs: "log_statements",
  traces: "trace_statements",
  metrics: "metric_statements",
};

type Group = { context: ContextName; conditions: BoolExpr[]; statements: Statement[]; errorMode: ErrorMode };

const CONTEXT_ALIASES: Record<string, ContextName> = { instrumentation_scope: "scope" };

function parse<T>(src: string, fn: (s: string) => T): T {
  try {
    return fn(src);
  } catch (err) {
    if (err instanceof OttlSyntaxError) throw new ProcessorConfigError(err.message);
    throw err;
  }
}

/** Context inference for flat statements: the most specific context any of its paths names. */
function inferContext(signal: Batch["signal"], src: string): ContextName {
  const found = SIGNAL_CONTEXTS[signal].find((c) =>
    new RegExp(`(^|[^\\w.])${c === "scope" ? "instrumentation_scope" : c}\\.`).test(src),
  );
  if (!found)
    throw new ProcessorConfigError(
      `cannot infer the context of ${JSON.stringify(src)}: prefix its paths (log., span., metric., datapoint., resource.)`,
    );
  return found;
}

function groupsOf(batch: Batch, config: Record<string, unknown>): Group[] {
  const fallback = errorMode(config.error_mode);
  const raw = config[KEY[batch.signal]];
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new ProcessorConfigError(`${KEY[batch.signal]} must be a list`);
  return raw.map((g): Group => {
    if (typeof g === "string")
      return {
        context: inferContext(batch.signal, g),
        conditions: [],
        statements: [parse(g, parseStatement)],
        errorMode: fallback,
      };
    const group = g as Record<string, unknown>;
    const statements = stringList(group.statements, "statements");
    const named = typeof group.context === "string" ? (CONTEXT_ALIASES[group.context] ?? group.context) : undefined;
    const context = (named ?? inferContext(batch.signal, statements.join(" "))) as ContextName;
    if (!SIGNAL_CONTEXTS[batch.signal].includes(context))
      throw new ProcessorConfigError(`context ${String(group.context)} is not valid for ${batch.signal}`);
    return {
      context,
      conditions: stringList(group.conditions, "conditions").map((c) => parse(c, parseCondition)),
      statements: statements.map((s) => parse(s, parseStatement)),
      errorMode: errorMode(group.error_mode, fallback),
    };
  });
}

export const runTransform: ProcessorImpl = (batch, processor, rec) => {
  const groups = groupsOf(batch, processor.config);
  for (const [index, group] of groups.entries()) {
    const onError = (err: unknown, ids: number[]) => {
      if (err instanceof OttlSyntaxError) throw new ProcessorConfigError(err.message);
      if (!(err instanceof OttlRuntimeError)) throw err;
      if (group.errorMode === "propagate") throw new BatchDroppedError(`${processor.id}: ${err.message}`);
      rec.error(ids, `${processor.id}: ${err.message}`);
    };
    forEachContext(batch, group.context, (ctx, ids) => {
      if (group.conditions.length) {
        try {
          if (!group.conditions.some((c) => evalBool(c, ctx))) return;
        } catch (err) {
          return onError(err, ids);
        }
      }
      for (const s of group.statements) {
        try {
          execute(s, ctx);
        } catch (err) {
          onError(err, ids);
        }
      }
      if (ctx.nondeterministic) rec.nondeterministic(ids);
    });
    rec.groupDone?.(index);
  }
};
