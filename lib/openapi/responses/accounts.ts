import { z } from "zod";
import { ROLES } from "../../auth/roles";
import { createdByAt, id, nullableTimestamp, page, timestamp } from "./common";

const role = z.enum(ROLES);

/** lib/api-keys/queries.ts apiKeyJson: never the key or its hash. */
export const apiKey = z.object({
  id,
  name: z.string(),
  role,
  prefix: z.string(),
  created_at: timestamp,
  last_used_at: nullableTimestamp,
  revoked_at: nullableTimestamp,
});
export const apiKeyList = page(apiKey);
/** The created key: `key` (fgk_…) is shown this once only. */
export const createdApiKey = z.object({
  id,
  name: z.string(),
  role,
  prefix: z.string(),
  org_id: id,
  created_at: timestamp,
  key: z.string(),
});

export const registrationToken = z.object({
  id,
  name: z.string(),
  status: z.enum(["active", "expired", "revoked", "used_up"]),
  is_active: z.boolean(),
  use_count: z.int(),
  max_uses: z.int().nullable(),
  expires_at: timestamp,
  ...createdByAt,
  revoked_at: nullableTimestamp,
});
export const registrationTokenList = page(registrationToken);
/** The created token: `token` is shown this once only. */
export const createdRegistrationToken = z.object({
  id,
  name: z.string(),
  token: z.string(),
  expires_at: timestamp,
  max_uses: z.int().nullable(),
  created_at: timestamp,
});
