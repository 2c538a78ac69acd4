import { getFleetHealthHistory } from "@/lib/alerts/snapshots";
import { route } from "@/lib/http/route";

export const GET = route("member", (ctx) => getFleetHealthHistory(ctx));
