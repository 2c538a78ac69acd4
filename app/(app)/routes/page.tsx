import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";

export const metadata = { title: "Routes" };

export default function Page() {
  return (
    <>
      <PageHeader title="Routes" />
      <EmptyState title="No routes reported">Cluster agents report their ingress routes here (register, sync, unregister).</EmptyState>
    </>
  );
}
