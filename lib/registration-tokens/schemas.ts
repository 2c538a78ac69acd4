import { z } from "zod";

export const createRegistrationTokenInput = z.object({
  name: z.string().trim().min(1, "Name is required").max(100),
  expires_in_days: z.number().int().min(1).max(3650).default(30),
  /** 1 = single use (default); null = unlimited until expiry (e.g. a Kubernetes Deployment's replicas share one token). */
  max_uses: z.number().int().min(1).max(1_000_000).nullable().default(1),
});
export type CreateRegistrationTokenInput = z.input<typeof createRegistrationTokenInput>;

export type RegistrationTokenStatus = "active" | "expired" | "revoked" | "used_up";
