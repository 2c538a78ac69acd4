"use server";
import { createApiKey, createApiKeyInput } from "@/lib/api-keys/create";
import { revokeApiKey } from "@/lib/api-keys/revoke";
import { action, formAction, idSchema } from "@/lib/ui/action";

export const createApiKeyAction = formAction(
  createApiKeyInput,
  async (ctx, input) => ({ key: (await createApiKey(ctx, input)).key }),
  { revalidate: ["/settings"] },
);

export const revokeApiKeyAction = action(
  idSchema("Invalid key id"),
  async (ctx, id) => {
    await revokeApiKey(ctx, id);
  },
  { revalidate: ["/settings"] },
);
