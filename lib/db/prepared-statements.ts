/**
 * Which query texts postgres.js keeps as prepared statements. drizzle asks it not to prepare (`prepare: false`), so
 * each query with parameters costs a Parse, a describe round trip and a fresh plan; prepared, the hot ones (an
 * agent's token lookup, the liveness flush) skip all three. Every connection keeps each statement it prepared for
 * good, in postgres.js and in the server backend, so only the first `limit` distinct texts are prepared: texts that
 * vary without end (an IN list per list length) cannot grow either side's memory without bound.
 */
export function preparedTexts(limit: number): (text: string) => boolean {
  const chosen = new Set<string>();
  return (text) => {
    if (chosen.has(text)) return true;
    if (chosen.size >= limit) return false;
    chosen.add(text);
    return true;
  };
}
