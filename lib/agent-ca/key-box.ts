import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { opampJwtSecret } from "../config";

/**
 * Seals the agent CA's private key at rest: AES-256-GCM under a key derived (HKDF) from the server's secret
 * (FLOWGATE_JWT_SECRET, generated into the data folder when unset). A database dump alone does not reveal the
 * key; replicas share the secret, so each can sign. Format: "v1.<iv>.<tag>.<ciphertext>" in base64url.
 */
function boxKey(): Buffer {
  return Buffer.from(hkdfSync("sha256", opampJwtSecret(), Buffer.alloc(0), "flowgate agent-ca key v1", 32));
}

export function sealKey(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", boxKey(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

export function openKey(sealed: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1") throw new Error("unknown sealed key format");
  const decipher = createDecipheriv("aes-256-gcm", boxKey(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
