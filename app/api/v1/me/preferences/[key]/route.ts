import { z } from "zod";
import { getPreference, setPreference } from "@/lib/preferences/store";
import { parseJsonBody } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

export const GET = route("member", (ctx, _req, { key }: { key: string }) => getPreference(ctx, key));

// The value's schema depends on the key, so the verb validates it.
export const PUT = route("member", async (ctx, req, { key }: { key: string }) =>
  setPreference(ctx, key, await parseJsonBody(req, z.unknown(), 64 * 1024)),
);
