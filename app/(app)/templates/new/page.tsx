import { requireSessionContext } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { PageHeader } from "@/app/_components/page-header";
import { EmptyState } from "@/app/_components/empty-state";
import { TransformsHint } from "../transforms-hint";
import { NewTemplateForm } from "./new-template-form";

export const metadata = { title: "New template" };

export default async function NewTemplatePage() {
  const ctx = await requireSessionContext();
  return (
    <>
      <PageHeader
        title="New template"
        description="Paste or write a collector config; it is validated as you type and saved as version 1."
      />
      {can(ctx, "templates.create") ? (
        <div className="grid gap-4">
          <TransformsHint ctx={ctx} />
          <NewTemplateForm />
        </div>
      ) : (
        <EmptyState title="Read-only access">
          Creating templates needs the operator role or higher (you are {ctx.role}).
        </EmptyState>
      )}
    </>
  );
}
