import { requireSessionContext } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { publicUrl } from "@/lib/config";
import { listRegistrationTokens } from "@/lib/registration-tokens/queries";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { CreateTokenForm } from "./create-token-form";
import { TokensTable, type TokenRow } from "./tokens-table";

export const metadata = { title: "Registration tokens" };

export default async function RegistrationTokensPage() {
  const ctx = await requireSessionContext();
  const canManage = can(ctx, "registration_tokens.create");
  const tokens: TokenRow[] = (await listRegistrationTokens(ctx, { limit: 200 })).items.map((t) => ({
    id: t.id,
    name: t.name,
    status: t.status,
    use_count: t.use_count,
    max_uses: t.max_uses,
    expires_at: t.expires_at.toISOString(),
    created_at: t.created_at.toISOString(),
  }));
  return (
    <>
      <PageHeader
        title="Registration tokens"
        description="A gateway exchanges a registration token for its own OpAMP token the first time it starts."
      />
      <div className="grid gap-6">
        <Card>
          <CardHeader>
            <CardTitle>New token</CardTitle>
            <CardDescription>
              The token is shown once. Single use by default; a Kubernetes Deployment whose replicas share one token
              needs it unlimited until expiry.
            </CardDescription>
          </CardHeader>
          <CardContent>
            {canManage ? (
              <CreateTokenForm flowgateUrl={publicUrl()} />
            ) : (
              <p className="text-muted-foreground text-sm">Only admins can create registration tokens.</p>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Tokens</CardTitle>
          </CardHeader>
          <CardContent>
            {tokens.length === 0 ? (
              <EmptyState title="No registration tokens">
                Create a token above, then start a gateway with it as <code>REGISTRATION_TOKEN</code>: it registers,
                gets its own OpAMP token and appears under Agents.
              </EmptyState>
            ) : (
              <TokensTable tokens={tokens} canRevoke={canManage} />
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
