import Link from "next/link";
import { requireSessionContext } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { listTemplates } from "@/lib/templates/queries";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { Button } from "@/app/_components/ui/button";
import { CreateDeploymentForm } from "./create-deployment-form";

export const metadata = { title: "New deployment" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function NewDeploymentPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireSessionContext();
  const sp = await searchParams;
  if (!can(ctx, "deployments.create")) {
    return (
      <>
        <PageHeader title="New deployment" />
        <EmptyState title="Operators only">
          Creating deployments needs the operator role or higher (you are {ctx.role}).
        </EmptyState>
      </>
    );
  }
  const { items } = await listTemplates(ctx, { limit: 100 });
  const templates = items
    .filter((t) => t.latest_version > 0)
    .map((t) => ({ id: t.id, name: t.name, latest_version: t.latest_version }));
  return (
    <>
      <PageHeader
        title="New deployment"
        description="Pick a template version, the gateways, and how fast to roll it out."
      />
      {templates.length === 0 ? (
        <EmptyState
          title="No templates yet"
          action={
            <Button asChild>
              <Link href="/templates">Create a template</Link>
            </Button>
          }
        >
          A deployment rolls out a saved template version.
        </EmptyState>
      ) : (
        <CreateDeploymentForm
          templates={templates}
          initialTemplateId={typeof sp.template_id === "string" ? sp.template_id : undefined}
          initialVersion={typeof sp.version === "string" ? Number(sp.version) : undefined}
        />
      )}
    </>
  );
}
