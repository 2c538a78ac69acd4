"use server";
import { z } from "zod";
import { createAgentCa, deleteAgentCa } from "@/lib/agent-ca/manage";
import { action, formAction } from "@/lib/ui/action";

/**
 * Both PEM fields empty: generate; both filled: import (the verb checks them). Not the REST schema, which is strict:
 * a form also posts Next's own `$ACTION_*` fields.
 */
const createAgentCaForm = z.object({ cert_pem: z.string().optional(), key_pem: z.string().optional() });

export const createAgentCaAction = formAction(
  createAgentCaForm,
  async (ctx, input) => {
    await createAgentCa(ctx, { cert_pem: input.cert_pem || undefined, key_pem: input.key_pem || undefined });
  },
  { revalidate: ["/settings"] },
);

export const deleteAgentCaAction = action(
  z.literal(true),
  async (ctx) => {
    await deleteAgentCa(ctx);
  },
  { revalidate: ["/settings"] },
);
