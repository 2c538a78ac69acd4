import { route } from "@/lib/http/route";
import { getOpampConfig } from "@/lib/settings/opamp-config";

export const GET = route("member", (ctx) => getOpampConfig(ctx));
