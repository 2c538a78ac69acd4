import { describe, expect, it } from "vitest";
import { SignJWT, UnsecuredJWT } from "jose";
import { createHmac } from "node:crypto";
import { verifyHs256 } from "./hs256";

const secret = new TextEncoder().encode("a-secret-of-the-usual-length-for-hs256-keys");
const now = () => Math.floor(Date.now() / 1000);

const sign = (
  claims: Record<string, unknown>,
  opts: { exp?: number | null; nbf?: number; key?: Uint8Array; header?: Record<string, unknown> } = {},
) => {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT", ...opts.header })
    .setSubject("gw")
    .setIssuedAt();
  if (opts.exp !== null) jwt.setExpirationTime(opts.exp ?? now() + 3600);
  if (opts.nbf !== undefined) jwt.setNotBefore(opts.nbf);
  return jwt.sign(opts.key ?? secret);
};

describe("verifyHs256", () => {
  it("returns the claims of a token jose signed with the secret", async () => {
    const claims = verifyHs256(await sign({ type: "opamp_token", org_id: "o1" }), secret);
    expect(claims).toMatchObject({ sub: "gw", type: "opamp_token", org_id: "o1" });
  });

  it("refuses another key, a changed payload or signature, and other encodings of the signature", async () => {
    const token = await sign({ type: "opamp_token" });
    const [h, p, s] = token.split(".");
    expect(
      verifyHs256(await sign({ type: "opamp_token" }, { key: new TextEncoder().encode("another-secret") }), secret),
    ).toBeNull();
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p, "base64url").toString()), sub: "other" }),
    ).toString("base64url");
    expect(verifyHs256(`${h}.${forged}.${s}`, secret)).toBeNull();
    expect(verifyHs256(`${h}.${p}.${s.slice(0, -2)}${s.endsWith("AA") ? "AB" : "AA"}`, secret)).toBeNull();
    expect(verifyHs256(`${h}.${p}.${Buffer.from(s, "base64url").toString("base64")}`, secret)).toBeNull(); // base64, not base64url
    expect(verifyHs256(`${h}.${p}.${s}=`, secret)).toBeNull();
    expect(verifyHs256(`${h}.${p}`, secret)).toBeNull();
    expect(verifyHs256("not a token", secret)).toBeNull();
  });

  it("refuses other algorithms, unsigned tokens and critical headers it does not understand", async () => {
    expect(verifyHs256(new UnsecuredJWT({ type: "opamp_token" }).setExpirationTime("1h").encode(), secret)).toBeNull();
    const hs512 = await new SignJWT({}).setProtectedHeader({ alg: "HS512" }).setExpirationTime("1h").sign(secret);
    expect(verifyHs256(hs512, secret)).toBeNull();
    // A header claiming HS256 but marking an extension critical: signed correctly by hand, still refused.
    const header = Buffer.from(JSON.stringify({ alg: "HS256", crit: ["x-ext"], "x-ext": 1 })).toString("base64url");
    const payload = Buffer.from(JSON.stringify({ exp: now() + 60 })).toString("base64url");
    const sig = createHmac("sha256", secret).update(`${header}.${payload}`).digest("base64url");
    expect(verifyHs256(`${header}.${payload}.${sig}`, secret)).toBeNull();
  });

  it("requires an expiry in the future and honours not-before", async () => {
    expect(verifyHs256(await sign({}, { exp: now() - 1 }), secret)).toBeNull();
    expect(verifyHs256(await sign({}, { exp: null }), secret)).toBeNull();
    expect(verifyHs256(await sign({}, { nbf: now() + 600 }), secret)).toBeNull();
    expect(verifyHs256(await sign({}, { nbf: now() - 5 }), secret)).not.toBeNull();
  });
});
