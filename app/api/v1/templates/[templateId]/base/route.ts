import { route } from "@/lib/http/route";
import { setBaseTemplate } from "@/lib/templates/manage";

export const POST = route("member", (ctx, _req, { templateId }: { templateId: string }) =>
  setBaseTemplate(ctx, templateId),
);
