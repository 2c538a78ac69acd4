import { and, eq } from "drizzle-orm";
import { transforms } from "../db/schema";
import type { Ctx } from "../auth/context";
import { InvalidInputError, NotFoundError } from "../errors";
import { createTransform } from "../transforms/create";
import { deleteTransform } from "../transforms/delete";
import { compileTransformVersion, diffTransformVersions, getTransform, listTransforms } from "../transforms/queries";
import { previewSavedTransform } from "../transforms/run-preview";
import { saveTransformVersion } from "../transforms/save-version";
import type { CommandRequest } from "./commands";

function need(args: CommandRequest["args"], key: string, flag = key): string {
  const v = args[key];
  if (!v) throw new InvalidInputError(`Missing ${flag === "name" ? "NAME" : `--${flag}`}`);
  return v;
}

function int(args: CommandRequest["args"], key: string, flag: string): number {
  const n = Number(need(args, key, flag));
  if (!Number.isInteger(n) || n < 1) throw new InvalidInputError(`--${flag} must be a positive whole number`);
  return n;
}

function stepsOf(args: CommandRequest["args"]): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(need(args, "steps"));
  } catch {
    throw new InvalidInputError('--steps must be a file of JSON: a list of steps, or {"steps": [...]}');
  }
  const steps = Array.isArray(parsed) ? parsed : (parsed as { steps?: unknown } | null)?.steps;
  if (!Array.isArray(steps)) throw new InvalidInputError('--steps must hold a list of steps, or {"steps": [...]}');
  return steps;
}

async function idOf(ctx: Ctx, name: string): Promise<string> {
  const [row] = await ctx.db
    .select({ id: transforms.id })
    .from(transforms)
    .where(and(eq(transforms.orgId, ctx.orgId), eq(transforms.name, name)));
  if (!row) throw new NotFoundError(`Transform "${name}" not found`);
  return row.id;
}

/** Runs `transforms.<verb>` with the CLI's context (owner of --org, audited as system:cli). */
export async function runTransformsCommand(ctx: Ctx, verb: string, args: CommandRequest["args"]): Promise<unknown> {
  switch (verb) {
    case "list":
      return listTransforms(ctx, {
        signal: args.signal as "logs" | undefined,
        page: args.page ? int(args, "page", "page") : undefined,
        limit: 100,
      });
    case "get":
      return getTransform(ctx, await idOf(ctx, need(args, "name")));
    case "create":
      return createTransform(ctx, {
        name: need(args, "name"),
        signal: need(args, "signal") as "logs",
        steps: stepsOf(args),
        description: args.description,
        message: args.message,
      });
    case "save":
      return saveTransformVersion(ctx, await idOf(ctx, need(args, "name")), {
        steps: stepsOf(args),
        base_version: int(args, "base_version", "base-version"),
        message: args.message,
      });
    case "diff":
      return diffTransformVersions(
        ctx,
        await idOf(ctx, need(args, "name")),
        int(args, "from", "from"),
        int(args, "to", "to"),
      );
    case "compile": {
      const id = await idOf(ctx, need(args, "name"));
      const version = args.version ? int(args, "version", "version") : (await getTransform(ctx, id)).latest_version;
      return compileTransformVersion(ctx, id, version);
    }
    case "preview":
      return previewSavedTransform(ctx, await idOf(ctx, need(args, "name")), {
        samples: need(args, "samples"),
        version: args.version ? int(args, "version", "version") : undefined,
      });
    case "delete":
      return deleteTransform(ctx, await idOf(ctx, need(args, "name")));
    default:
      throw new InvalidInputError(`Unknown command "transforms ${verb}" (see flowgate transforms --help)`);
  }
}
