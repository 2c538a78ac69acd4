import type { Ctx } from "@/lib/auth/context";
import { can } from "@/lib/auth/roles";
import { getAgentCa } from "@/lib/agent-ca/manage";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { AgentCaForm } from "./agent-ca-form";

/** The org's agent CA (mTLS for agents, docs/api/opamp.md): its certificate, never its key. */
export async function AgentCaCard({ ctx }: { ctx: Ctx }) {
  const ca = await getAgentCa(ctx);
  const canManage = can(ctx, "agent_ca.manage");
  return (
    <Card className="mt-6" data-testid="agent-ca">
      <CardHeader>
        <CardTitle>Agent certificates (mTLS)</CardTitle>
        <CardDescription>
          With a CA, agents that send a certificate signing request get a 7-day client certificate they present over
          FlowGate&apos;s TLS listener. Deleting a gateway or rotating its token revokes its certificates.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {ca.enabled ? (
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-muted-foreground">Source</dt>
            <dd data-testid="agent-ca-source">{ca.source}</dd>
            <dt className="text-muted-foreground">Subject</dt>
            <dd>{ca.subject}</dd>
            <dt className="text-muted-foreground">Expires</dt>
            <dd>{ca.not_after}</dd>
            <dt className="text-muted-foreground">SHA-256</dt>
            <dd className="font-mono text-xs break-all" data-testid="agent-ca-fingerprint">
              {ca.fingerprint_sha256}
            </dd>
          </dl>
        ) : (
          <p className="text-muted-foreground text-sm" data-testid="agent-ca-disabled">
            No CA: certificate signing requests are declined.
          </p>
        )}
        {canManage ? (
          <AgentCaForm enabled={ca.enabled} />
        ) : (
          <p className="text-muted-foreground text-sm">Only admins can change the CA.</p>
        )}
      </CardContent>
    </Card>
  );
}
