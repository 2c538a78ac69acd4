// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata polyfill loaded first.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { createPrivateKey, randomBytes, webcrypto, X509Certificate, type KeyObject } from "node:crypto";
import { InvalidInputError } from "../errors";

/**
 * The X.509 work of the agent CA. node:crypto reads certificates (X509Certificate) and keys but cannot build a
 * certificate or parse a PKCS#10 CSR; @peculiar/x509 does both on top of WebCrypto (node's webcrypto here), for
 * RSA and EC keys alike — opamp-go's CSRs may use either, which node-forge (RSA only) could not sign.
 */
x509.cryptoProvider.set(webcrypto as unknown as Crypto);

type SigningAlgorithm = RsaHashedImportParams | EcKeyImportParams | (Algorithm & { hash: string });
const EC_P256 = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };

export type CaMaterial = { certPem: string; keyPem: string };
export type IssuedCertificate = { certPem: string; serial: string; notAfter: Date };

/** A new self-signed CA (ECDSA P-256, 10 years): path length 0, so it signs only end-entity certificates. */
export async function generateCa(commonName: string): Promise<CaMaterial> {
  const keys = await webcrypto.subtle.generateKey(EC_P256, true, ["sign", "verify"]);
  const now = new Date();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: newSerial(),
    name: [{ CN: [commonName] }],
    notBefore: new Date(now.getTime() - 5 * 60_000),
    notAfter: new Date(now.getTime() + 3650 * 86_400_000),
    keys: keys as CryptoKeyPair,
    signingAlgorithm: EC_P256,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey as CryptoKey),
    ],
  });
  return { certPem: cert.toString("pem"), keyPem: await pkcs8Pem(keys.privateKey as CryptoKey) };
}

/** Checks an imported CA: a CA certificate, currently valid, whose public key matches the private key. */
export function checkCaMaterial(certPem: string, keyPem: string): CaMaterial {
  let cert: X509Certificate;
  let key: KeyObject;
  try {
    cert = new X509Certificate(certPem);
  } catch {
    throw new InvalidInputError("cert_pem is not a PEM certificate");
  }
  try {
    key = createPrivateKey(keyPem);
  } catch {
    throw new InvalidInputError("key_pem is not a PEM private key (unencrypted PKCS#8, PKCS#1 or SEC1)");
  }
  if (!cert.ca) throw new InvalidInputError("cert_pem is not a CA certificate (basicConstraints CA:TRUE)");
  if (!cert.checkPrivateKey(key)) throw new InvalidInputError("key_pem does not match cert_pem");
  if (new Date(cert.validTo) <= new Date()) throw new InvalidInputError("cert_pem has expired");
  signingAlgorithmOf(key); // refuses key types WebCrypto cannot sign with
  return { certPem: cert.toString(), keyPem: key.export({ type: "pkcs8", format: "pem" }).toString() };
}

/**
 * Signs an agent's PEM CSR [§CertificateRequest.csr] into a client certificate for `gatewayId`. The CSR's
 * signature must verify (proof that the agent holds the key); its subject is ignored: the certificate names the
 * gateway in its CN and in a `urn:flowgate:gateway:<id>` URI SAN, which is how the TLS listener maps it back.
 */
export async function signCsr(
  ca: CaMaterial,
  csrPem: string,
  gatewayId: string,
  lifetimeMs: number,
): Promise<IssuedCertificate> {
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(csrPem);
  } catch {
    throw new InvalidInputError("connection_settings_request.opamp.certificate_request.csr is not a PEM CSR");
  }
  if (!(await csr.verify())) throw new InvalidInputError("the CSR's signature does not verify");
  return issue(ca, csr.publicKey, gatewayId, lifetimeMs);
}

/**
 * A key pair made by the server plus its certificate, for renewal offered in ServerToAgent [§Server-initiated
 * Certificate Generation]: the agent gets cert and private_key together.
 */
export async function generateClientCertificate(
  ca: CaMaterial,
  gatewayId: string,
  lifetimeMs: number,
): Promise<IssuedCertificate & { keyPem: string }> {
  const keys = (await webcrypto.subtle.generateKey(EC_P256, true, ["sign", "verify"])) as CryptoKeyPair;
  const issued = await issue(
    ca,
    new x509.PublicKey(await webcrypto.subtle.exportKey("spki", keys.publicKey)),
    gatewayId,
    lifetimeMs,
  );
  return { ...issued, keyPem: await pkcs8Pem(keys.privateKey) };
}

export const gatewayUri = (gatewayId: string) => `urn:flowgate:gateway:${gatewayId}`;

/** The gateway id a client certificate names (URI SAN first, then the CN), or null. */
export function gatewayIdOf(cert: { subject?: { CN?: string | string[] }; subjectaltname?: string }): string | null {
  const uri = /URI:urn:flowgate:gateway:([0-9a-f-]{36})/i.exec(cert.subjectaltname ?? "");
  if (uri) return uri[1].toLowerCase();
  const cn = cert.subject?.CN;
  return (Array.isArray(cn) ? cn[0] : cn)?.trim().toLowerCase() || null;
}

async function issue(
  ca: CaMaterial,
  publicKey: x509.PublicKey,
  gatewayId: string,
  lifetimeMs: number,
): Promise<IssuedCertificate> {
  const caCert = new x509.X509Certificate(ca.certPem);
  const key = createPrivateKey(ca.keyPem);
  const algorithm = signingAlgorithmOf(key);
  const signingKey = await webcrypto.subtle.importKey(
    "pkcs8",
    key.export({ type: "pkcs8", format: "der" }),
    algorithm,
    false,
    ["sign"],
  );
  const serial = newSerial();
  // Backdated a little: agents' clocks drift, and a certificate "not yet valid" would fail the handshake.
  const notBefore = new Date(Date.now() - 5 * 60_000);
  const notAfter = new Date(Date.now() + lifetimeMs);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial,
    subject: [{ CN: [gatewayId] }],
    issuer: caCert.subjectName,
    notBefore,
    notAfter,
    publicKey,
    signingKey,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
      new x509.SubjectAlternativeNameExtension([{ type: "url", value: gatewayUri(gatewayId) }]),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  });
  return { certPem: cert.toString("pem"), serial: new X509Certificate(cert.toString("pem")).serialNumber, notAfter };
}

function signingAlgorithmOf(key: KeyObject): SigningAlgorithm {
  const d = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === "ec" && (d?.namedCurve === "prime256v1" || d?.namedCurve === "secp384r1"))
    return d.namedCurve === "prime256v1" ? EC_P256 : { name: "ECDSA", namedCurve: "P-384", hash: "SHA-384" };
  if (key.asymmetricKeyType === "rsa") return { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  throw new InvalidInputError("the CA key must be RSA or EC P-256/P-384");
}

/** 16 random bytes, first byte 0x01-0x7f: positive and without a leading zero, so every reader spells it alike. */
function newSerial(): string {
  const b = randomBytes(16);
  b[0] = (b[0] & 0x7f) | 0x01;
  return b.toString("hex");
}

async function pkcs8Pem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", key));
  return createPrivateKey({ key: der, format: "der", type: "pkcs8" })
    .export({ type: "pkcs8", format: "pem" })
    .toString();
}
