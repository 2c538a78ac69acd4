import { z } from "zod";
import { MAX_CONTENT_BYTES } from "../templates/schemas";

/** Body of POST /api/v1/validation: the collector config to check. */
export const validationInput = z.object({
  config_yaml: z
    .string({ error: "config_yaml (the collector config as a YAML string) is required" })
    .refine(
      (s) => Buffer.byteLength(s) <= MAX_CONTENT_BYTES,
      `config_yaml must be at most ${MAX_CONTENT_BYTES / 1024} KiB`,
    ),
});
