import { cache } from "react";
import { redirect } from "next/navigation";
import { getDb } from "../db/client";
import { listMemberships } from "../users/queries";
import { auth } from "./auth";
import type { Ctx } from "./context";

/**
 * For pages and server actions: the signed-in user's context in their first organization; redirects to sign-in
 * otherwise. Cached per request, so the layout and the page of one view authenticate once.
 */
export const requireSessionContext = cache(async (): Promise<Ctx & { email: string; orgName: string }> => {
  const session = await auth();
  const userId = (session?.user as { id?: string } | undefined)?.id;
  if (!userId) redirect("/sign-in");
  const db = await getDb();
  const [m] = await listMemberships(db, userId);
  if (!m) redirect("/sign-in?error=NoOrganization");
  return {
    db,
    orgId: m.orgId,
    orgName: m.orgName,
    role: m.role,
    actor: `user:${userId}`,
    userId,
    email: session?.user?.email ?? "",
  };
});
