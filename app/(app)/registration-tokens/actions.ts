"use server";
import { z } from "zod";
import { createRegistrationToken } from "@/lib/registration-tokens/create";
import { revokeRegistrationToken } from "@/lib/registration-tokens/revoke";
import { action, formAction, idSchema } from "@/lib/ui/action";

export type CreatedToken = { id: string; name: string; token: string; expires_at: string; max_uses: number | null };

// "single" = one gateway; "limited" = N gateways; "unlimited" = any number until expiry (Kubernetes replicas).
const createForm = z.preprocess(
  // max_uses counts only when "limited" is chosen (the field stays in the form when another choice is made).
  (f) => {
    const fields = f as Record<string, string>;
    return { ...fields, max_uses: fields.uses === "limited" ? fields.max_uses : undefined };
  },
  z
    .object({
      name: z
        .string({ error: "Name is required" })
        .trim()
        .min(1, "Name is required")
        .max(100, "Name is at most 100 characters"),
      expires_in_days: z.coerce
        .number({ error: "Expiry must be a number of days" })
        .int("Expiry must be whole days")
        .min(1, "Expiry is at least 1 day")
        .max(3650, "Expiry is at most 3650 days"),
      uses: z.enum(["single", "limited", "unlimited"], { error: "Choose how many gateways may use the token" }),
      max_uses: z.coerce
        .number({ error: "Max uses must be a number" })
        .int("Max uses must be a whole number")
        .min(1, "Max uses is at least 1")
        .max(1_000_000)
        .optional(),
    })
    .refine((f) => f.uses !== "limited" || f.max_uses !== undefined, {
      message: "Max uses is required",
      path: ["max_uses"],
    }),
);

export const createRegistrationTokenAction = formAction(
  createForm,
  async (ctx, { uses, max_uses, ...rest }): Promise<CreatedToken> => {
    const created = await createRegistrationToken(ctx, {
      ...rest,
      max_uses: uses === "single" ? 1 : uses === "unlimited" ? null : max_uses,
    });
    return {
      id: created.id,
      name: created.name,
      token: created.token,
      expires_at: created.expires_at.toISOString(),
      max_uses: created.max_uses,
    };
  },
  { revalidate: ["/registration-tokens"] },
);

export const revokeRegistrationTokenAction = action(
  idSchema(),
  async (ctx, id) => {
    await revokeRegistrationToken(ctx, id);
  },
  { revalidate: ["/registration-tokens"] },
);
