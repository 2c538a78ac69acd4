import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";
import type { ValidationIssue } from "./types";

export type Path = (string | number)[];
/** Point an issue at the key of the last path segment (unknown keys, bad ids) or at its value (bad settings). */
export type Anchor = "key" | "value";

/**
 * Collects errors and warnings of the later checks, which work on plain JS values, and pins each one to a
 * line and column by walking the same path through the parsed Document's nodes.
 */
export class Report {
  readonly errors: ValidationIssue[] = [];
  readonly warnings: ValidationIssue[] = [];

  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  error(path: Path, message: string, at: Anchor = "value"): void {
    this.errors.push(this.issue(path, message, at));
  }

  warn(path: Path, message: string, at: Anchor = "value"): void {
    this.warnings.push(this.issue(path, message, at));
  }

  private issue(path: Path, message: string, at: Anchor): ValidationIssue {
    const offset = locate(this.doc, path, at);
    const issue: ValidationIssue = { message };
    if (path.length) issue.path = path.join(".");
    if (offset !== null) {
      const { line, col } = this.lines.linePos(offset);
      issue.line = line;
      issue.column = col;
    }
    return issue;
  }
}

/** Source offset for a path: the key or value node of its last segment, else the nearest ancestor found. */
function locate(doc: Document, path: Path, at: Anchor): number | null {
  let node: unknown = doc.contents;
  let best: number | null = start(node);
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(seg));
      if (!pair) return best;
      const keyStart = start(pair.key);
      if (keyStart !== null) best = keyStart;
      if (last && at === "key") return best;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === "number") {
      node = node.items[seg];
    } else {
      return best;
    }
    // An empty value (`key:`) has no useful position of its own: keep the key's.
    const valueStart = isScalar(node) && node.value === null ? null : start(node);
    if (valueStart !== null) best = valueStart;
  }
  return best;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function start(node: unknown): number | null {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : null;
}
