import { bulkGateways } from "@/lib/gateways/bulk/run";
import { z } from "zod";
import { parseJsonBody } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

// The verb validates (its filter transforms must run once). 10,000 UUIDs as JSON are about 390 KB.
const LIMIT = 512 * 1024;

export const POST = route("member", async (ctx, req) =>
  bulkGateways(ctx, await parseJsonBody(req, z.unknown(), LIMIT)),
);
