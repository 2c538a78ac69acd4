/**
 * The one absolute time format of the console: "2026-12-02 05:43:28 UTC". Same text on the server and in every
 * browser (no locale, no time zone guess), so tables line up and hydration matches.
 */
export function formatTimestamp(at: string | Date | null | undefined): string {
  if (!at) return "—";
  const d = typeof at === "string" ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) return "—";
  return `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}
