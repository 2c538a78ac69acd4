import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";

export const metadata = { title: "Dashboard" };

export default function DashboardPage() {
  return (
    <>
      <PageHeader title="Dashboard" description="Your fleet of OpenTelemetry Collector gateways at a glance." />
      <EmptyState title="Nothing to show yet">Onboard a gateway to see counts by health and the newest registrations here.</EmptyState>
    </>
  );
}
