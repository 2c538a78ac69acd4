import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";

export const metadata = { title: "Templates" };

export default function Page() {
  return (
    <>
      <PageHeader title="Templates" />
      <EmptyState title="No templates yet">Collector configs, versioned on every save, validated and deployable to gateways by tag.</EmptyState>
    </>
  );
}
