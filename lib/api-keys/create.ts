import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { apiKeys } from "../db/schema";
import type { Ctx } from "../auth/context";
import { requireRole, ROLES, hasRole } from "../auth/roles";
import { ForbiddenError } from "../errors";
import { parseWith } from "../http/parse";
import { createOrgRowAudited } from "../db/org-rows";

export const API_KEY_PREFIX = "fgk_";

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1, "Name is required").max(100),
  role: z.enum(ROLES),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeyInput>;

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** Creates an org-scoped API key. The plain key is returned once; only its SHA-256 is stored. */
export async function createApiKey(ctx: Ctx, input: CreateApiKeyInput) {
  requireRole(ctx, "api_keys.create");
  const data = parseWith(createApiKeyInput, input);
  if (!hasRole(ctx.role, data.role))
    throw new ForbiddenError(`You cannot create a key with a role above your own (${ctx.role})`);
  const key = API_KEY_PREFIX + randomBytes(32).toString("base64url");
  const row = await createOrgRowAudited(
    ctx,
    apiKeys,
    { name: data.name, role: data.role, prefix: key.slice(0, 10), keyHash: hashApiKey(key) },
    { noun: "api_key", details: () => ({ name: data.name, role: data.role }) },
  );
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    org_id: row.orgId,
    created_at: row.createdAt,
    key,
  };
}
