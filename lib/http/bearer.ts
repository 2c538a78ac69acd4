/** The token of an `Authorization: Bearer <token>` header (Fetch or Node request), or null. */
export function bearerToken(authorization: string | null | undefined): string | null {
  const m = authorization?.match(/^Bearer\s+(.+)$/i);
  return m ? m[1].trim() : null;
}
