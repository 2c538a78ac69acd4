"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireSessionContext } from "@/lib/auth/session";
import { deleteGateway } from "@/lib/gateways/delete";
import { requestGatewayRestart } from "@/lib/gateways/restart";
import { rotateGatewayToken } from "@/lib/gateways/rotate-token";
import { setGatewayTags } from "@/lib/gateways/tags";
import { actionFailure, idSchema, zodFailure, type ActionResult } from "@/lib/ui/action-result";

export type RotatedToken = { opamp_token: string; opamp_endpoint: string; expires_at: string };

// Tag keys and values are checked by the verb (Kubernetes label rules); here only the shape.
const tagsSchema = z.record(z.string(), z.string(), { error: "Tags must be key/value pairs" });

function revalidate(id: string) {
  revalidatePath(`/agents/${id}`);
  revalidatePath("/agents");
}

export async function rotateGatewayTokenAction(id: string): Promise<ActionResult<RotatedToken>> {
  const ctx = await requireSessionContext();
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) return zodFailure(parsed.error);
  try {
    const r = await rotateGatewayToken(ctx, parsed.data);
    revalidate(parsed.data);
    return { ok: true, data: { opamp_token: r.opamp_token, opamp_endpoint: r.opamp_endpoint, expires_at: r.expires_at.toISOString() } };
  } catch (err) {
    return actionFailure(err, "agents");
  }
}

export async function restartGatewayAction(id: string): Promise<ActionResult> {
  const ctx = await requireSessionContext();
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) return zodFailure(parsed.error);
  try {
    await requestGatewayRestart(ctx, parsed.data);
    revalidate(parsed.data);
    return { ok: true };
  } catch (err) {
    return actionFailure(err, "agents");
  }
}

export async function deleteGatewayAction(id: string): Promise<ActionResult> {
  const ctx = await requireSessionContext();
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) return zodFailure(parsed.error);
  try {
    await deleteGateway(ctx, parsed.data);
    revalidatePath("/agents");
    revalidatePath("/");
    return { ok: true };
  } catch (err) {
    return actionFailure(err, "agents");
  }
}

export async function setGatewayTagsAction(id: string, tags: Record<string, string>): Promise<ActionResult<{ key: string; value: string }[]>> {
  const ctx = await requireSessionContext();
  const parsed = z.object({ id: idSchema, tags: tagsSchema }).safeParse({ id, tags });
  if (!parsed.success) return zodFailure(parsed.error);
  try {
    const r = await setGatewayTags(ctx, parsed.data.id, { tags: parsed.data.tags });
    revalidate(parsed.data.id);
    return { ok: true, data: r.tags };
  } catch (err) {
    return actionFailure(err, "agents");
  }
}
