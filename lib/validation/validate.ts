import { LineCounter, parseDocument } from "yaml";
import { isObject, type Cfg } from "./checks";
import {
  checkDebugExporter,
  checkHealthCheckExtension,
  checkOpampExtension,
  checkOtlpExporter,
  checkOtlpHttpExporter,
} from "./exporters";
import {
  checkAttributesProcessor,
  checkBatchProcessor,
  checkFilterProcessor,
  checkMemoryLimiter,
  checkTransformProcessor,
} from "./processors";
import { collectorDirectiveErrors } from "./directives";
import { checkOtlpReceiver, checkPrometheusReceiver } from "./receivers";
import { checkRedactionProcessor } from "./redaction";
import { checkProbabilisticSampler } from "./sampling";
import { Report, type Path } from "./report";
import { checkSections, checkService, componentType, type Defined } from "./structure";
import {
  COMPONENT_KINDS,
  DEFAULT_ALLOW_LIST,
  type AllowList,
  type TransformRefCheck,
  type ValidationIssue,
  type ValidationResult,
} from "./types";

export type { AllowList, TransformRefCheck, ValidationIssue, ValidationResult } from "./types";
export { DEFAULT_ALLOW_LIST } from "./types";

type Checker = (cfg: Cfg, at: Path, r: Report) => void;

/** Settings checks for the components of our gateway build, keyed "kind/type". */
const CHECKERS: Record<string, Checker> = {
  "receivers/otlp": checkOtlpReceiver,
  "receivers/prometheus": checkPrometheusReceiver,
  "processors/batch": checkBatchProcessor,
  "processors/memory_limiter": checkMemoryLimiter,
  "processors/filter": checkFilterProcessor,
  "processors/transform": checkTransformProcessor,
  "processors/attributes": checkAttributesProcessor,
  "processors/probabilistic_sampler": checkProbabilisticSampler,
  "processors/redaction": checkRedactionProcessor,
  "exporters/otlp": checkOtlpExporter,
  "exporters/otlphttp": checkOtlpHttpExporter,
  "exporters/debug": checkDebugExporter,
  "extensions/opamp": checkOpampExtension,
  "extensions/health_check": checkHealthCheckExtension,
};

/**
 * Validates an OpenTelemetry Collector config: YAML syntax, the collector's structure, the org's component
 * allow-list and the settings of common components. Every issue carries the line and column it points at.
 * Transform references in pipelines are checked with `transformRef` (refused when it is not given).
 */
export function validateCollectorConfig(
  yaml: string,
  opts: { allowList?: AllowList; transformRef?: TransformRefCheck } = {},
): ValidationResult {
  const allowList = opts.allowList ?? DEFAULT_ALLOW_LIST;
  const directiveErrors = collectorDirectiveErrors(yaml);
  if (directiveErrors.length > 0) return result(directiveErrors, []);
  const lines = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter: lines, prettyErrors: false, merge: true, uniqueKeys: true });
  const at = (pos: [number, number]) => {
    const { line, col } = lines.linePos(pos[0]);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    // The parser may report one mistake at several columns of a line (`a: b: c: d`); people see it once.
    const seen = new Set<string>();
    const errors = doc.errors
      .map((e) => ({ message: `YAML syntax error: ${e.message}`, ...at(e.pos) }))
      .filter((e) => !seen.has(`${e.line}:${e.message}`) && seen.add(`${e.line}:${e.message}`));
    return result(errors, []);
  }
  const syntaxWarnings: ValidationIssue[] = doc.warnings.map((w) => ({ message: w.message, ...at(w.pos) }));
  const r = new Report(doc, lines);
  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    r.error([], `The YAML cannot be read: ${(err as Error).message}`);
    return result(r.errors, syntaxWarnings);
  }
  if (root === null || root === undefined) {
    r.error([], "The config is empty: a collector config needs receivers, exporters and service.pipelines");
  } else if (!isObject(root)) {
    r.error([], "The config must be a YAML mapping (key: value) at the top level");
  } else {
    const defined = checkSections(root, allowList, r);
    checkComponentSettings(defined, allowList, r);
    checkService(root, defined, r, opts.transformRef);
  }
  return result(sortByLine(r.errors), [...syntaxWarnings, ...sortByLine(r.warnings)]);
}

function checkComponentSettings(defined: Defined, allowList: AllowList, r: Report): void {
  for (const kind of COMPONENT_KINDS) {
    for (const [id, cfg] of defined[kind]) {
      const type = componentType(id);
      const check = CHECKERS[`${kind}/${type}`];
      // An unsupported component already has its error; its settings would only add noise.
      if (check && allowList[kind].includes(type)) check(cfg ?? {}, [kind, id], r);
    }
  }
}

function sortByLine(issues: ValidationIssue[]): ValidationIssue[] {
  return [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

function result(errors: ValidationIssue[], warnings: ValidationIssue[]): ValidationResult {
  return { valid: errors.length === 0, errors, warnings };
}
