import { PayloadTooLargeError } from "@/lib/errors";
import { parseJsonBody, parseQuery } from "@/lib/http/parse";
import { created, route } from "@/lib/http/route";
import { createSample } from "@/lib/samples/create";
import { SAMPLE_MAX_BYTES } from "@/lib/samples/parse";
import { listSamples } from "@/lib/samples/queries";
import { createSampleInput, listSamplesQuery } from "@/lib/samples/schemas";

// JSON string escaping can double the content; the content's own 5 MiB limit is checked after parsing.
const BODY_LIMIT = 2 * SAMPLE_MAX_BYTES + 64 * 1024;

export const GET = route("member", (ctx, req) => listSamples(ctx, parseQuery(req, listSamplesQuery)));

export const POST = route("member", async (ctx, req) => {
  // Refused before reading when the declared size is already too big (a 100 MB upload never reaches memory).
  if (Number(req.headers.get("content-length") ?? 0) > BODY_LIMIT) {
    throw new PayloadTooLargeError(
      `Request body exceeds ${BODY_LIMIT} bytes; sample content is limited to ${SAMPLE_MAX_BYTES} bytes (5 MiB)`,
    );
  }
  return created(await createSample(ctx, await parseJsonBody(req, createSampleInput, BODY_LIMIT)));
});
