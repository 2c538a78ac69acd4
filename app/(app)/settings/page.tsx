import { requireSessionContext } from "@/lib/auth/session";
import { listApiKeys } from "@/lib/api-keys/queries";
import { can } from "@/lib/auth/roles";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { PageHeader } from "@/app/_components/page-header";
import { CreateApiKeyForm } from "./create-api-key-form";
import { ApiKeysTable } from "./api-keys-table";
import { SettingsFormCard } from "./settings-form-card";
import { AuditLogCard } from "./audit-log-card";
import { AgentCaCard } from "./agent-ca-card";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const ctx = await requireSessionContext();
  const { items: keys } = await listApiKeys(ctx, { limit: 200 });
  const rows = keys.map((k) => ({
    ...k,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  }));
  return (
    <>
      <PageHeader title="Settings" description={`Organization ${ctx.orgName}`} />
      <Card>
        <CardHeader>
          <CardTitle>API keys</CardTitle>
          <CardDescription>
            Keys authenticate REST calls with <code>Authorization: Bearer fgk_…</code>. Each is scoped to this
            organization and a role.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          {can(ctx, "api_keys.create") ? (
            <CreateApiKeyForm />
          ) : (
            <p className="text-muted-foreground text-sm">Only admins can create keys.</p>
          )}
          <ApiKeysTable keys={rows} />
        </CardContent>
      </Card>
      <SettingsFormCard ctx={ctx} />
      <AgentCaCard ctx={ctx} />
      <AuditLogCard ctx={ctx} />
    </>
  );
}
