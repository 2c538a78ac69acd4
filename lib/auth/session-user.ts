import type { Session } from "next-auth";
import { auth } from "./auth";

export type SessionUser = { id: string; email: string; orgId: string | null };

/** The signed-in user and the organization picked for this session (unverified: see chooseMembership). */
export function userOf(session: Session | null): SessionUser | null {
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  return { id, email: session?.user?.email ?? "", orgId: (session as { orgId?: string }).orgId ?? null };
}

export async function sessionUser(): Promise<SessionUser | null> {
  return userOf(await auth());
}
