"use server";
import { z } from "zod";
import { signOut } from "@/lib/auth/auth";
import { switchOrganization } from "@/lib/auth/switch-org";
import { searchEverything } from "@/lib/search/search-everything";
import { action } from "@/lib/ui/action";

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}

export const switchOrgAction = action(z.object({ orgId: z.uuid("Invalid organization") }), (ctx, { orgId }) =>
  switchOrganization(ctx, orgId),
);

export const searchAction = action(z.object({ q: z.string().max(200) }), (ctx, { q }) => searchEverything(ctx, { q }));
