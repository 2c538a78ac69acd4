import { createHmac, randomBytes } from "node:crypto";

export const SIGNATURE_HEADER = "X-FlowGate-Signature";
export const TIMESTAMP_HEADER = "X-FlowGate-Timestamp";

export function newChannelSecret(): string {
  return `fgwhsec_${randomBytes(32).toString("base64url")}`;
}

/**
 * `sha256=<hex>` of HMAC-SHA256 over `<timestamp>.<body>`: covering the timestamp lets a receiver refuse replays
 * of an old body (docs/api/alerts.md shows the check).
 */
export function signBody(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** The headers of one signed POST. */
export function signedHeaders(secret: string, body: string, now = new Date()): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    "content-type": "application/json",
    "user-agent": "FlowGate-Alerts/1",
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: signBody(secret, timestamp, body),
  };
}
