import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireSessionContext } from "../auth/session";
import type { Ctx } from "../auth/context";
import { DomainError } from "../errors";

/** What every server action returns: `fieldErrors` names the form fields zod refused. */
export type ActionResult<T = undefined> = { ok: boolean; error?: string; fieldErrors?: Record<string, string[]>; data?: T };

/** Domain errors keep their message (it is the API contract); anything else is logged and hidden. */
export function actionFailure(err: unknown): ActionResult<never> {
  if (err instanceof DomainError) return { ok: false, error: err.message };
  console.error("[action]", err);
  return { ok: false, error: "Something went wrong. Please try again." };
}

function zodFailure(error: z.ZodError): ActionResult<never> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    if (key) (fieldErrors[key] ??= []).push(issue.message);
  }
  return { ok: false, error: error.issues.map((i) => i.message).join("; "), fieldErrors };
}

/**
 * The one adapter between the UI and domain verbs: the signed-in user's context, the arguments parsed with
 * `schema` (ids included), the verb's result as `{ok, data}`, errors as `{ok:false, error, fieldErrors}`, and the
 * listed paths revalidated after a success.
 */
export function action<S extends z.ZodType, T>(
  schema: S,
  fn: (ctx: Ctx, input: z.infer<S>) => Promise<T>,
  opts: { revalidate?: string[] } = {},
) {
  return async (input: z.input<S>): Promise<ActionResult<T>> => {
    const ctx = await requireSessionContext();
    const parsed = schema.safeParse(input);
    if (!parsed.success) return zodFailure(parsed.error);
    try {
      const data = await fn(ctx, parsed.data);
      for (const path of opts.revalidate ?? []) revalidatePath(path);
      return { ok: true, data };
    } catch (err) {
      return actionFailure(err);
    }
  };
}

/** A FormData's fields as a plain object, for `action` schemas behind `<form action>`. */
export function formFields(formData: FormData): Record<string, string> {
  return Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
}
