import { randomBytes } from "node:crypto";

/** A 16-byte UUID v7 (RFC 9562): 48-bit Unix milliseconds, version 7, variant 10, random rest. */
export function uuidv7Bytes(now: number = Date.now()): Buffer {
  const b = randomBytes(16);
  b.writeUIntBE(now, 0, 6);
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  return b;
}

/** Canonical UUID text of a 16-byte uid (for logs and APIs); other lengths print as hex. */
export function uidToString(uid: Uint8Array): string {
  const hex = Buffer.from(uid).toString("hex");
  if (uid.length !== 16) return hex;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Compared in place: every message's uid passes here, and Buffer.from(a Buffer) would copy it. */
export function sameBytes(a: Uint8Array | null | undefined, b: Uint8Array | null | undefined): boolean {
  return !!a && !!b && a.length === b.length && Buffer.compare(a, b) === 0;
}
