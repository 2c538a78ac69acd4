/**
 * Line diff (Myers' O(ND) algorithm) and unified-diff output for collector configs. Written here rather than
 * pulling in a package: configs are small, and we only need lines plus hunks with context.
 */
export type DiffOp = { kind: " " | "-" | "+"; line: string };
export type UnifiedDiff = { diff: string; added: number; removed: number };

/** Beyond this many edited lines the edit script is "replace everything": keeps memory bounded (O(D²)). */
const MAX_EDITS = 2000;

export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

export function diffLines(a: string[], b: string[]): DiffOp[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length,
    endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const same = (from: number, to: number): DiffOp[] => a.slice(from, to).map((line) => ({ kind: " ", line }));
  const middle = myers(a.slice(start, endA), b.slice(start, endB));
  return [...same(0, start), ...middle, ...same(endA, a.length)];
}

function myers(a: string[], b: string[]): DiffOp[] {
  const n = a.length,
    m = b.length;
  const replaceAll = (): DiffOp[] => [
    ...a.map((line) => ({ kind: "-" as const, line })),
    ...b.map((line) => ({ kind: "+" as const, line })),
  ];
  if (n === 0 || m === 0) return replaceAll();
  const max = Math.min(n + m, MAX_EDITS);
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice(off - d, off + d + 1));
        return backtrack(a, b, trace);
      }
    }
    trace.push(v.slice(off - d, off + d + 1));
  }
  return replaceAll();
}

/** Walks the saved frontiers back from (n, m); trace[d][k + d] is the furthest x on diagonal k after d edits. */
function backtrack(a: string[], b: string[], trace: Int32Array[]): DiffOp[] {
  const out: DiffOp[] = [];
  let x = a.length,
    y = b.length;
  for (let d = trace.length - 1; d > 0; d--) {
    const prev = trace[d - 1];
    const at = (k: number) => prev[k + d - 1];
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK),
      prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      out.push({ kind: " ", line: a[--x] });
      y--;
    }
    if (down) out.push({ kind: "+", line: b[--y] });
    else out.push({ kind: "-", line: a[--x] });
  }
  while (x > 0 && y > 0) {
    out.push({ kind: " ", line: a[--x] });
    y--;
  }
  return out.reverse();
}

/** A unified diff (`---`/`+++` headers, `@@` hunks with `context` lines around changes); "" when equal. */
export function unifiedDiff(
  oldText: string,
  newText: string,
  labels: { from: string; to: string },
  context = 3,
): UnifiedDiff {
  const ops = diffLines(splitLines(oldText), splitLines(newText));
  const added = ops.filter((o) => o.kind === "+").length;
  const removed = ops.filter((o) => o.kind === "-").length;
  if (added + removed === 0) return { diff: "", added, removed };
  const out = [`--- ${labels.from}`, `+++ ${labels.to}`];
  for (const hunk of hunks(ops, context)) out.push(...hunk);
  return { diff: out.join("\n") + "\n", added, removed };
}

function hunks(ops: DiffOp[], context: number): string[][] {
  const changed = ops.map((o, i) => (o.kind === " " ? -1 : i)).filter((i) => i >= 0);
  const result: string[][] = [];
  let i = 0;
  while (i < changed.length) {
    let j = i;
    // Changes closer than 2×context lines share one hunk.
    while (j + 1 < changed.length && changed[j + 1] - changed[j] <= 2 * context) j++;
    const from = Math.max(0, changed[i] - context);
    const to = Math.min(ops.length, changed[j] + context + 1);
    result.push(renderHunk(ops, from, to));
    i = j + 1;
  }
  return result;
}

function renderHunk(ops: DiffOp[], from: number, to: number): string[] {
  let oldLine = 1,
    newLine = 1;
  for (let i = 0; i < from; i++) {
    if (ops[i].kind !== "+") oldLine++;
    if (ops[i].kind !== "-") newLine++;
  }
  const slice = ops.slice(from, to);
  const oldCount = slice.filter((o) => o.kind !== "+").length;
  const newCount = slice.filter((o) => o.kind !== "-").length;
  const range = (start: number, count: number) => `${count === 0 ? start - 1 : start},${count}`;
  return [`@@ -${range(oldLine, oldCount)} +${range(newLine, newCount)} @@`, ...slice.map((o) => o.kind + o.line)];
}
