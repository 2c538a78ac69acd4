import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";

export const metadata = { title: "Agents" };

export default function Page() {
  return (
    <>
      <PageHeader title="Agents" />
      <EmptyState title="No gateways yet">Gateways you onboard with a registration token appear here with their health, version and config.</EmptyState>
    </>
  );
}
