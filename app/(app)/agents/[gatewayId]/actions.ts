"use server";
import { z } from "zod";
import { deleteGateway } from "@/lib/gateways/delete";
import { requestGatewayRestart } from "@/lib/gateways/restart";
import { rotateGatewayToken } from "@/lib/gateways/rotate-token";
import { setGatewayTags } from "@/lib/gateways/tags";
import { action, idSchema } from "@/lib/ui/action";

export type RotatedToken = { opamp_token: string; opamp_endpoint: string; expires_at: string };

// Tag keys and values are checked by the verb (Kubernetes label rules); here only the shape.
const tagsSchema = z.record(z.string(), z.string(), { error: "Tags must be key/value pairs" });

const gatewayPages = (id: string) => [`/agents/${id}`, "/agents"];

export const rotateGatewayTokenAction = action(
  idSchema(),
  async (ctx, id): Promise<RotatedToken> => {
    const r = await rotateGatewayToken(ctx, id);
    return { opamp_token: r.opamp_token, opamp_endpoint: r.opamp_endpoint, expires_at: r.expires_at.toISOString() };
  },
  { revalidate: gatewayPages },
);

export const restartGatewayAction = action(
  idSchema(),
  async (ctx, id) => {
    await requestGatewayRestart(ctx, id);
  },
  { revalidate: gatewayPages },
);

export const deleteGatewayAction = action(
  idSchema(),
  async (ctx, id) => {
    await deleteGateway(ctx, id);
  },
  { revalidate: ["/agents", "/"] },
);

export const setGatewayTagsAction = action(
  z.object({ id: idSchema(), tags: tagsSchema }),
  async (ctx, { id, tags }) => (await setGatewayTags(ctx, id, { tags })).tags,
  { revalidate: ({ id }) => gatewayPages(id) },
);
