/**
 * The caller's address as the rate limits see it: the first `X-Forwarded-For` entry (set by the proxy in front, or
 * by Next from the socket when there is none), as the logs report it.
 */
export function requestIp(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0].trim() || "unknown";
}
