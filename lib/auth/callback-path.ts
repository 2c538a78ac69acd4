const ORIGIN = "http://flowgate.invalid";

/**
 * The page to return to after sign-in: only a path on this site. Anything that would leave it (`//evil.com`,
 * `https://evil.com`, `/\evil.com`, control characters the URL parser drops) falls back to the dashboard.
 */
export function safeCallbackPath(raw: unknown): string {
  if (typeof raw !== "string" || !raw.startsWith("/") || raw.startsWith("//") || raw.includes("\\")) return "/";
  let url: URL;
  try {
    url = new URL(raw, ORIGIN);
  } catch {
    return "/";
  }
  if (url.origin !== ORIGIN || url.pathname.startsWith("/sign-in")) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page that returns to `path` afterwards. */
export function signInUrl(path: string | null | undefined, extra: Record<string, string> = {}): string {
  const back = safeCallbackPath(path);
  const params = new URLSearchParams(extra);
  if (back !== "/") params.set("callbackUrl", back);
  const query = params.toString();
  return query ? `/sign-in?${query}` : "/sign-in";
}
