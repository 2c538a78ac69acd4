import { signedHeaders } from "./sign";

const TIMEOUT_MS = 10_000;

export type PostResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/** One signed POST to a channel's URL; any 2xx is success. Never throws and never includes the secret in errors. */
export async function postSigned(url: string, secret: string, body: string): Promise<PostResult> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: signedHeaders(secret, body),
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await res.body?.cancel();
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
    return { ok: false, status: res.status, error: `HTTP ${res.status}` };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    return {
      ok: false,
      status: null,
      error: e.name === "TimeoutError" ? `no answer within ${TIMEOUT_MS / 1000} s` : (e.cause?.code ?? e.message),
    };
  }
}
