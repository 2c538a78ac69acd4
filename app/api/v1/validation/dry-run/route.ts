import { parseJsonBody } from "@/lib/http/parse";
import { route } from "@/lib/http/route";
import { dryRun, dryRunInput } from "@/lib/validation/dry-run";

export const POST = route("member", async (ctx, req) => dryRun(ctx, await parseJsonBody(req, dryRunInput)));
