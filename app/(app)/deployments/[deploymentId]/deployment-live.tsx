"use client";
import { useState } from "react";
import Link from "next/link";
import useSWR from "swr";
import type { getDeployment, listDeploymentGateways } from "@/lib/deployments/queries";
import type { NextBatch } from "@/lib/deployments/next-batch";
import { Breadcrumb } from "@/app/_components/breadcrumb";
import { fetchJson, type Jsonify } from "@/lib/ui/json";
import { DataTable } from "@/app/_components/data-table";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { TimeAgo } from "@/app/_components/time-ago";
import { ErrorLine } from "@/app/_components/form-field";
import { SectionCard } from "@/app/_components/section-card";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { ProgressBar, RolloutBadge } from "../status";
import { GATEWAYS_PAGE_SIZE as PAGE_SIZE, strategyLabel, targetLabel } from "../labels";
import { DeploymentButtons } from "./deployment-buttons";
import { NextBatchLine } from "./next-batch-line";
import { gatewayColumns } from "./gateway-columns";
import { VolumeCard } from "./volume-card";
import { GatesCard } from "./gates-card";

const REFRESH_MS = 2000;

export type DeploymentDetail = Jsonify<
  Awaited<ReturnType<typeof getDeployment>> & {
    next_batch: NextBatch | null;
    gateways: Awaited<ReturnType<typeof listDeploymentGateways>>;
  }
>;

/** The live deployment page: summary, progress and per-gateway statuses, re-read every 2 s as agents report. */
export function DeploymentLive({ initial, canOperate }: { initial: DeploymentDetail; canOperate: boolean }) {
  const [pagination, setPagination] = useState({ pageIndex: 0, pageSize: PAGE_SIZE });
  const key = `/api/v1/deployments/${initial.id}?page=${pagination.pageIndex + 1}&limit=${pagination.pageSize}`;
  const { data, error } = useSWR<DeploymentDetail>(key, fetchJson, {
    refreshInterval: REFRESH_MS,
    keepPreviousData: true,
    fallbackData: pagination.pageIndex === 0 && pagination.pageSize === PAGE_SIZE ? initial : undefined,
  });
  const d = data ?? initial;
  const p = d.progress;
  return (
    <>
      <Breadcrumb href="/deployments" label="Deployments" />
      <PageHeader
        title={d.name}
        description={
          <>
            <RolloutBadge status={d.status} />{" "}
            <span className="ml-2">
              {d.template.name} v{d.template.version} → <code>{targetLabel(d.target)}</code>,{" "}
              {strategyLabel(d.strategy)}
              {d.strategy.type === "progressive" &&
                `, batch ${Math.min(d.current_batch + 1, p.batches)} of ${p.batches}`}
            </span>
            {d.rollback_of && (
              <span className="ml-2">
                (rollback of{" "}
                <Link className="underline" href={`/deployments/${d.rollback_of}`}>
                  an earlier deployment
                </Link>
                )
              </span>
            )}
          </>
        }
        actions={
          canOperate && (
            // Template versions start at 1 and are never deleted: v1 has nothing to roll back to.
            <DeploymentButtons id={d.id} status={d.status} canRollback={d.template.version > 1} />
          )
        }
      />
      <ErrorLine error={error && `Could not refresh: ${error.message}`} className="mb-3 text-sm" />
      <div className="mb-6 grid gap-4 md:grid-cols-[2fr_1fr]">
        <SectionCard
          title="Progress"
          description={
            <>
              Started <TimeAgo at={d.started_at} />
              {d.finished_at && (
                <>
                  , finished <TimeAgo at={d.finished_at} />
                </>
              )}
            </>
          }
          contentClassName="grid gap-3"
        >
          <ProgressBar progress={p} />
          {d.next_batch && <NextBatchLine next={d.next_batch} batches={p.batches} />}
          <dl className="grid grid-cols-3 gap-2 text-sm sm:grid-cols-6" data-testid="progress-counts">
            {(["pending", "sent", "applying", "applied", "failed", "timeout"] as const).map((s) => (
              <div key={s} data-testid={`count-${s}`}>
                <dt className="text-muted-foreground text-xs">{s}</dt>
                <dd className="font-medium tabular-nums">{p[s]}</dd>
              </div>
            ))}
          </dl>
        </SectionCard>
        <Card data-testid="overlap-rule">
          <CardHeader>
            <CardTitle>When deployments overlap</CardTitle>
          </CardHeader>
          <CardContent className="text-muted-foreground grid gap-2 text-sm">
            <p>
              Each gateway runs one config: that of the <strong>newest deployment that has reached it</strong>. Newer
              wins as soon as its batch containing the gateway starts; this deployment&apos;s row for that gateway then
              shows <em>superseded</em> and no longer counts.
            </p>
            <p>
              Cancelling hands gateways back to the next newest deployment that reached them (or the base config).
              Gateways that get matching tags later join a running or completed selector deployment at once.
            </p>
          </CardContent>
        </Card>
      </div>
      {d.gates && <GatesCard gates={d.gates} />}
      <VolumeCard id={d.id} />
      <DataTable
        columns={gatewayColumns}
        data={data ? d.gateways.items : error ? [] : undefined}
        total={d.gateways.total}
        pagination={pagination}
        sorting={[]}
        onPaginationChange={setPagination}
        onSortingChange={() => {}}
        getRowId={(r) => r.gateway_id}
        rowTestId="rollout-row"
        pageSizes={[25, 50, 100, 200]}
        empty={
          <EmptyState title="No gateways on this page">The deployment has {d.gateways.total} gateways.</EmptyState>
        }
      />
    </>
  );
}
