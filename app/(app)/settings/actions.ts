"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireSessionContext } from "@/lib/auth/session";
import { createApiKey, createApiKeyInput } from "@/lib/api-keys/create";
import { revokeApiKey } from "@/lib/api-keys/revoke";
import { DomainError } from "@/lib/errors";

export type ActionResult<T = undefined> = { ok: boolean; error?: string; data?: T };

function failure(err: unknown): ActionResult<never> {
  if (err instanceof DomainError) return { ok: false, error: err.message };
  console.error("[settings]", err);
  return { ok: false, error: "Something went wrong. Please try again." };
}

export async function createApiKeyAction(_prev: ActionResult<{ key: string }>, formData: FormData): Promise<ActionResult<{ key: string }>> {
  const ctx = await requireSessionContext();
  const parsed = createApiKeyInput.safeParse({ name: formData.get("name"), role: formData.get("role") });
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => i.message).join("; ") };
  try {
    const created = await createApiKey(ctx, parsed.data);
    revalidatePath("/settings");
    return { ok: true, data: { key: created.key } };
  } catch (err) {
    return failure(err);
  }
}

export async function revokeApiKeyAction(id: string): Promise<ActionResult> {
  const ctx = await requireSessionContext();
  if (!z.uuid().safeParse(id).success) return { ok: false, error: "Invalid key id" };
  try {
    await revokeApiKey(ctx, id);
    revalidatePath("/settings");
    return { ok: true };
  } catch (err) {
    return failure(err);
  }
}
