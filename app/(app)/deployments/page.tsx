import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";

export const metadata = { title: "Deployments" };

export default function Page() {
  return (
    <>
      <PageHeader title="Deployments" />
      <EmptyState title="No deployments yet">Roll a template version out to gateways and watch each one report applied or failed.</EmptyState>
    </>
  );
}
