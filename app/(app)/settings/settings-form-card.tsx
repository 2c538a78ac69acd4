import type { Ctx } from "@/lib/auth/context";
import { can } from "@/lib/auth/roles";
import { getSettings } from "@/lib/settings/queries";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { SettingsForm } from "./settings-form";

export async function SettingsFormCard({ ctx }: { ctx: Ctx }) {
  const settings = await getSettings(ctx);
  return (
    <Card className="mt-6">
      <CardHeader>
        <CardTitle>Organization settings</CardTitle>
        <CardDescription>
          OpAMP behaviour offered to gateways, deployment timeouts, and the collector components templates may use.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <SettingsForm settings={settings} canEdit={can(ctx, "settings.update")} />
      </CardContent>
    </Card>
  );
}
