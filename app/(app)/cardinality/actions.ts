"use server";
import { z } from "zod";
import { importReferencesInput } from "@/lib/cardinality/schemas";
import { deleteReferenceSource, importReferenceSource } from "@/lib/cardinality/sources";
import { action, formAction, idSchema } from "@/lib/ui/action";

export type ImportedSource = { name: string; names: number; patterns: number; warnings: string[] };

export const importReferencesAction = formAction(
  importReferencesInput,
  async (ctx, input): Promise<ImportedSource> => {
    const s = await importReferenceSource(ctx, input);
    return { name: s.name, names: s.names.length, patterns: s.patterns.length, warnings: s.warnings };
  },
  { revalidate: ["/cardinality"] },
);

export const deleteReferencesAction = action(
  z.object({ id: idSchema("Source not found") }),
  (ctx, { id }) => deleteReferenceSource(ctx, id),
  { revalidate: ["/cardinality"] },
);
