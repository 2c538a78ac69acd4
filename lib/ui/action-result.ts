import { z } from "zod";
import { DomainError } from "../errors";

/** What every server action on the agent and token pages returns. */
export type ActionResult<T = undefined> = { ok: boolean; error?: string; data?: T };

/** Domain errors keep their message (it is the API contract); anything else is logged and hidden. */
export function actionFailure(err: unknown, where: string): ActionResult<never> {
  if (err instanceof DomainError) return { ok: false, error: err.message };
  console.error(`[${where}]`, err);
  return { ok: false, error: "Something went wrong. Please try again." };
}

export function zodFailure(error: z.ZodError): ActionResult<never> {
  return { ok: false, error: error.issues.map((i) => i.message).join("; ") };
}

export const idSchema = z.uuid("Invalid id");
