import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { requireSessionContext } from "../auth/session";
import type { Ctx } from "../auth/context";
import { DomainError } from "../errors";
import { logger } from "../log/logger";

/** What every server action returns: `fieldErrors` names the form fields zod refused. */
export type ActionResult<T = void> = { ok: boolean; error?: string; fieldErrors?: Record<string, string[]>; data?: T };

type Options<I, E> = {
  /** Paths to revalidate after a success (a function when they name the input, e.g. the detail page's id). */
  revalidate?: string[] | ((input: I) => string[]);
  /** Extra fields a failed verb adds to the result (e.g. the validation that refused a template), or a clearer `error`. */
  onError?: (err: unknown) => E | undefined;
};

/** Domain errors keep their message (it is the API contract); anything else is logged and hidden. */
function actionFailure(err: unknown): ActionResult<never> {
  if (err instanceof DomainError) return { ok: false, error: err.message };
  logger("action").error({ err }, "server action failed");
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

async function run<S extends z.ZodType, T, E>(
  schema: S,
  input: unknown,
  fn: (ctx: Ctx, input: z.infer<S>) => Promise<T>,
  opts: Options<z.infer<S>, E>,
) {
  const ctx = await requireSessionContext();
  const parsed = schema.safeParse(input);
  if (!parsed.success) return zodFailure(parsed.error) as ActionResult<T> & Partial<E>;
  try {
    const data = await fn(ctx, parsed.data);
    const paths = typeof opts.revalidate === "function" ? opts.revalidate(parsed.data) : (opts.revalidate ?? []);
    for (const path of paths) revalidatePath(path);
    return { ok: true, data } as ActionResult<T> & Partial<E>;
  } catch (err) {
    unstable_rethrow(err); // a verb's redirect() is not a failure
    return { ...actionFailure(err), ...opts.onError?.(err) } as ActionResult<T> & Partial<E>;
  }
}

/**
 * The one adapter between the UI and domain verbs: the signed-in user's context, the arguments parsed with
 * `schema` (ids included), the verb's result as `{ok, data}`, errors as `{ok:false, error, fieldErrors}`, and the
 * listed paths revalidated after a success.
 */
export function action<S extends z.ZodType, T, E = object>(
  schema: S,
  fn: (ctx: Ctx, input: z.infer<S>) => Promise<T>,
  opts: Options<z.infer<S>, E> = {},
) {
  return (input: z.input<S>): Promise<ActionResult<T> & Partial<E>> => run(schema, input, fn, opts);
}

/** `action` for a `<form action>` behind `useActionState`: the schema parses the form's fields (see formFields). */
export function formAction<S extends z.ZodType, T, E = object>(
  schema: S,
  fn: (ctx: Ctx, input: z.infer<S>) => Promise<T>,
  opts: Options<z.infer<S>, E> = {},
) {
  return (_prev: unknown, formData: FormData): Promise<ActionResult<T> & Partial<E>> =>
    run(schema, formFields(formData), fn, opts);
}

/** A FormData's fields as a plain object, for `action` schemas behind `<form action>`. */
export function formFields(formData: FormData): Record<string, string> {
  return Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
}

/** A uuid argument; `message` keeps the page's own wording for a malformed one. */
export const idSchema = (message = "Invalid id") => z.uuid(message);
