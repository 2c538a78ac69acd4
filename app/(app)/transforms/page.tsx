import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";

export const metadata = { title: "Transforms" };

export default function TransformsPage() {
  return (
    <>
      <PageHeader title="Transforms" description="Cut cost before data reaches your backends." />
      <EmptyState title="No transforms yet">
        Transforms will drop unused metrics, reduce high-cardinality labels and rewrite logs, then show the effect on
        volume. Until then, edit the filter and transform processors of a template directly.
      </EmptyState>
    </>
  );
}
