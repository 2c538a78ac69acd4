import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";

export const metadata = { title: "Registration tokens" };

export default function Page() {
  return (
    <>
      <PageHeader title="Registration tokens" />
      <EmptyState title="No registration tokens">Create a token to onboard a gateway; it exchanges the token for its own OpAMP token.</EmptyState>
    </>
  );
}
