/** A request body, or a function that reads it: token-authenticated verbs read the body only after the token is accepted. */
export type BodySource = unknown | (() => Promise<unknown>);

export async function readBody(body: BodySource): Promise<unknown> {
  return typeof body === "function" ? (body as () => Promise<unknown>)() : body;
}
