"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireSessionContext } from "@/lib/auth/session";
import { createRegistrationToken } from "@/lib/registration-tokens/create";
import { revokeRegistrationToken } from "@/lib/registration-tokens/revoke";
import { actionFailure, idSchema, zodFailure, type ActionResult } from "@/lib/ui/action-result";

export type CreatedToken = { id: string; name: string; token: string; expires_at: string; max_uses: number | null };

// "single" = one gateway; "limited" = N gateways; "unlimited" = any number until expiry (Kubernetes replicas).
const createForm = z.object({
  name: z.string().trim().min(1, "Name is required").max(100, "Name is at most 100 characters"),
  expires_in_days: z.coerce.number({ error: "Expiry must be a number of days" }).int("Expiry must be whole days").min(1, "Expiry is at least 1 day").max(3650, "Expiry is at most 3650 days"),
  uses: z.enum(["single", "limited", "unlimited"], { error: "Choose how many gateways may use the token" }),
  max_uses: z.coerce.number({ error: "Max uses must be a number" }).int("Max uses must be a whole number").min(1, "Max uses is at least 1").max(1_000_000).optional(),
});

export async function createRegistrationTokenAction(_prev: ActionResult<CreatedToken>, formData: FormData): Promise<ActionResult<CreatedToken>> {
  const ctx = await requireSessionContext();
  const parsed = createForm.safeParse({
    name: formData.get("name"),
    expires_in_days: formData.get("expires_in_days"),
    uses: formData.get("uses"),
    max_uses: formData.get("uses") === "limited" ? formData.get("max_uses") : undefined,
  });
  if (!parsed.success) return zodFailure(parsed.error);
  const { uses, max_uses, ...rest } = parsed.data;
  if (uses === "limited" && max_uses === undefined) return { ok: false, error: "Max uses is required" };
  try {
    const created = await createRegistrationToken(ctx, { ...rest, max_uses: uses === "single" ? 1 : uses === "unlimited" ? null : max_uses });
    revalidatePath("/registration-tokens");
    return {
      ok: true,
      data: { id: created.id, name: created.name, token: created.token, expires_at: created.expires_at.toISOString(), max_uses: created.max_uses },
    };
  } catch (err) {
    return actionFailure(err, "registration-tokens");
  }
}

export async function revokeRegistrationTokenAction(id: string): Promise<ActionResult> {
  const ctx = await requireSessionContext();
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) return zodFailure(parsed.error);
  try {
    await revokeRegistrationToken(ctx, parsed.data);
    revalidatePath("/registration-tokens");
    return { ok: true };
  } catch (err) {
    return actionFailure(err, "registration-tokens");
  }
}
