import { buildOpenApiDocument } from "@/lib/openapi/document";
import { route } from "@/lib/http/route";

// Built once per process: the document only changes with the code.
let document: ReturnType<typeof buildOpenApiDocument> | undefined;

/** The OpenAPI 3.1 document of this API: public, so tools can fetch it without credentials. */
export const GET = route("public", async () => (document ??= buildOpenApiDocument()));
