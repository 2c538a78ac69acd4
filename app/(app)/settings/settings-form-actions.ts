"use server";
import { revalidatePath } from "next/cache";
import { requireSessionContext } from "@/lib/auth/session";
import { actionFailure, type ActionResult } from "@/lib/ui/action-result";
import { updateSettings } from "@/lib/settings/update";
import { COMPONENT_KINDS } from "@/lib/validation/types";

const list = (v: FormDataEntryValue | null) => String(v ?? "").split(/[\s,]+/).filter(Boolean);
/** An empty field is not a number: send it as a string so the setting's own validation explains the problem. */
const num = (v: FormDataEntryValue | null) => (String(v ?? "").trim() === "" ? "" : Number(v));

export async function saveSettingsAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const ctx = await requireSessionContext();
  try {
    await updateSettings(ctx, {
      "opamp.heartbeat_interval_seconds": num(formData.get("heartbeat")),
      "opamp.max_message_bytes": num(formData.get("max_message_bytes")),
      "deployments.apply_timeout_seconds": num(formData.get("apply_timeout")),
      "components.allow_list": Object.fromEntries(COMPONENT_KINDS.map((k) => [k, list(formData.get(`allow_${k}`))])),
    } as never);
  } catch (err) {
    return actionFailure(err, "settings");
  }
  revalidatePath("/settings");
  return { ok: true };
}
