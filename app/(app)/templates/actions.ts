"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ConflictError, DomainError } from "@/lib/errors";
import { action, formAction, idSchema, type ActionResult } from "@/lib/ui/action";
import { createTemplate } from "@/lib/templates/create";
import { deleteTemplate, setBaseTemplate } from "@/lib/templates/manage";
import { saveTemplateVersion } from "@/lib/templates/save-version";
import { createTemplateInput, saveVersionInput } from "@/lib/templates/schemas";
import type { ValidationResult } from "@/lib/validation/types";

/** Like ActionResult, plus what the editor needs to show: the validation that refused a save, or a 409's version. */
export type TemplateActionResult = ActionResult & { validation?: ValidationResult; latestVersion?: number };

function templateFailure(err: unknown): Omit<TemplateActionResult, "ok"> | undefined {
  if (err instanceof DomainError && err.extra?.validation)
    return { validation: err.extra.validation as ValidationResult };
  if (err instanceof ConflictError && typeof err.extra?.latest_version === "number") {
    return { error: `${err.message}: reload to see their changes`, latestVersion: err.extra.latest_version };
  }
}

/** An empty optional field is no value. */
const orNull = (v: unknown) => (v === "" ? null : v);

export const createTemplateAction = formAction(
  createTemplateInput.extend({
    description: z.preprocess(orNull, createTemplateInput.shape.description),
    message: z.preprocess(orNull, createTemplateInput.shape.message),
  }),
  async (ctx, input) => {
    const { id } = await createTemplate(ctx, input);
    revalidatePath("/templates");
    redirect(`/templates/${id}`);
  },
  { onError: templateFailure },
);

const templatePages = ({ template_id }: { template_id: string }) => [`/templates/${template_id}`, "/templates"];

export const saveVersionAction = action(
  saveVersionInput.extend({ template_id: idSchema("Template not found") }),
  async (ctx, { template_id, ...input }) => {
    await saveTemplateVersion(ctx, template_id, input);
  },
  { revalidate: templatePages, onError: templateFailure },
);

export const setBaseAction = action(
  idSchema("Template not found"),
  async (ctx, id) => {
    await setBaseTemplate(ctx, id);
  },
  { revalidate: (id) => templatePages({ template_id: id }) },
);

export const deleteTemplateAction = action(
  idSchema("Template not found"),
  async (ctx, id) => {
    await deleteTemplate(ctx, id);
  },
  { revalidate: ["/templates"] },
);
