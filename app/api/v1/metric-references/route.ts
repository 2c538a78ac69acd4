import { PayloadTooLargeError } from "@/lib/errors";
import { parseJsonBody } from "@/lib/http/parse";
import { created, route } from "@/lib/http/route";
import { REFERENCE_MAX_BYTES, importReferencesInput } from "@/lib/cardinality/schemas";
import { importReferenceSource, listReferenceSources } from "@/lib/cardinality/sources";

// JSON string escaping can double the content; the content's own limit is checked after parsing.
const BODY_LIMIT = 2 * REFERENCE_MAX_BYTES + 64 * 1024;

export const GET = route("member", (ctx) => listReferenceSources(ctx));

export const POST = route("member", async (ctx, req) => {
  if (Number(req.headers.get("content-length") ?? 0) > BODY_LIMIT) {
    throw new PayloadTooLargeError(`Request body exceeds ${BODY_LIMIT} bytes; content is limited to 2 MiB`);
  }
  return created(await importReferenceSource(ctx, await parseJsonBody(req, importReferencesInput, BODY_LIMIT)));
});
