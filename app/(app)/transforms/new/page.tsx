import { requireSessionContext } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { Breadcrumb } from "@/app/_components/breadcrumb";
import { PageHeader } from "@/app/_components/page-header";
import { EmptyState } from "@/app/_components/empty-state";
import type { SearchParams } from "@/app/_components/page-params";
import type { Signal } from "@/lib/transforms/types";
import { EXAMPLE } from "../example";
import { Studio } from "../studio/studio";
import { readPrefill } from "./prefill";

export const metadata = { title: "New transform" };

const SIGNALS: Signal[] = ["logs", "metrics", "traces"];

export default async function NewTransformPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await requireSessionContext();
  const sp = await searchParams;
  const example = sp.example === "drop-debug-redact-email";
  const signal = SIGNALS.find((s) => s === sp.signal) ?? "logs";
  const prefill = example ? null : await readPrefill(ctx, sp);
  return (
    <>
      <Breadcrumb href="/transforms" label="Transforms" />
      <PageHeader
        title="New transform"
        description={
          prefill
            ? "One step filled in from the cardinality explorer, tried on the sample it was found in. Name it and save it, then roll it out."
            : example
              ? "A ready example: drop debug logs and mask e-mail addresses. Try it on the sample, change anything, and save it when it does what you want."
              : "Add steps, paste a few sample records, and watch what they keep, change and drop."
        }
      />
      {can(ctx, "transforms.create") ? (
        prefill ? (
          <Studio
            signal={prefill.signal}
            steps={prefill.steps}
            name={prefill.name}
            sample={prefill.sample}
            sampleSource={prefill.sampleSource}
            canWrite
          />
        ) : example ? (
          <Studio signal={EXAMPLE.signal} steps={EXAMPLE.steps} name={EXAMPLE.name} sample={EXAMPLE.sample} canWrite />
        ) : (
          <Studio signal={signal} steps={[]} canWrite />
        )
      ) : (
        <EmptyState title="Read-only access">
          Creating transforms needs the operator role or higher (you are {ctx.role}).
        </EmptyState>
      )}
    </>
  );
}
