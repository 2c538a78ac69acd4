/** Cookies of a response as `name=value` pairs, merged into a jar. */
function collect(jar: Map<string, string>, res: Response) {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair.indexOf("=");
    jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
}
const header = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/**
 * Signs in through Auth.js's real credentials flow (CSRF token, then the callback form POST), as the sign-in page
 * does. Returns the HTTP status, the cookie header to reuse (with the session cookie when it worked), and whether
 * a session was issued.
 */
export async function signInWithPassword(
  baseUrl: string,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; cookie: string; signedIn: boolean; location: string | null }> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { headers });
  collect(jar, csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: header(jar) },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseUrl}/` }),
  });
  collect(jar, res);
  await res.body?.cancel();
  const signedIn = [...jar.keys()].some((k) => k.endsWith("authjs.session-token"));
  return { status: res.status, cookie: header(jar), signedIn, location: res.headers.get("location") };
}
