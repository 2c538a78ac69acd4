"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireSessionContext } from "@/lib/auth/session";
import { ConflictError, DomainError } from "@/lib/errors";
import { actionFailure, idSchema, zodFailure, type ActionResult } from "@/lib/ui/action-result";
import { createTemplate } from "@/lib/templates/create";
import { deleteTemplate, setBaseTemplate } from "@/lib/templates/manage";
import { saveTemplateVersion } from "@/lib/templates/save-version";
import { createTemplateInput, saveVersionInput } from "@/lib/templates/schemas";
import type { ValidationResult } from "@/lib/validation/types";

/** Like ActionResult, plus what the editor needs to show: the validation that refused a save, or a 409's version. */
export type TemplateActionResult = ActionResult & { validation?: ValidationResult; latestVersion?: number };

function templateFailure(err: unknown): TemplateActionResult {
  const base = actionFailure(err, "templates");
  if (err instanceof DomainError && err.extra?.validation) return { ...base, validation: err.extra.validation as ValidationResult };
  if (err instanceof ConflictError && typeof err.extra?.latest_version === "number") {
    return { ...base, error: `${err.message}: reload to see their changes`, latestVersion: err.extra.latest_version };
  }
  return base;
}

export async function createTemplateAction(_prev: TemplateActionResult, formData: FormData): Promise<TemplateActionResult> {
  const ctx = await requireSessionContext();
  const parsed = createTemplateInput.safeParse({
    name: formData.get("name"), description: formData.get("description") || null,
    content: formData.get("content"), message: formData.get("message") || null,
  });
  if (!parsed.success) return zodFailure(parsed.error);
  let id: string;
  try {
    id = (await createTemplate(ctx, parsed.data)).id;
  } catch (err) {
    return templateFailure(err);
  }
  revalidatePath("/templates");
  redirect(`/templates/${id}`);
}

export async function saveVersionAction(templateId: string, input: { content: string; message: string; base_version: number }): Promise<TemplateActionResult> {
  const ctx = await requireSessionContext();
  if (!idSchema.safeParse(templateId).success) return { ok: false, error: "Template not found" };
  const parsed = saveVersionInput.safeParse(input);
  if (!parsed.success) return zodFailure(parsed.error);
  try {
    await saveTemplateVersion(ctx, templateId, parsed.data);
  } catch (err) {
    return templateFailure(err);
  }
  revalidatePath(`/templates/${templateId}`);
  revalidatePath("/templates");
  return { ok: true };
}

export async function setBaseAction(templateId: string): Promise<ActionResult> {
  const ctx = await requireSessionContext();
  try {
    await setBaseTemplate(ctx, templateId);
  } catch (err) {
    return actionFailure(err, "templates");
  }
  revalidatePath(`/templates/${templateId}`);
  revalidatePath("/templates");
  return { ok: true };
}

export async function deleteTemplateAction(templateId: string): Promise<ActionResult> {
  const ctx = await requireSessionContext();
  try {
    await deleteTemplate(ctx, templateId);
  } catch (err) {
    return actionFailure(err, "templates");
  }
  revalidatePath("/templates");
  return { ok: true };
}
