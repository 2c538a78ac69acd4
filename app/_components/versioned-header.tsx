import type { ReactNode } from "react";
import { Breadcrumb } from "./breadcrumb";
import { PageHeader } from "./page-header";

/**
 * The head of a versioned item's page (a template, a transform): the way back to its list, its name, its latest
 * version between what `before` and `after` say about it, and its actions.
 */
export function VersionedHeader({
  list,
  item,
  before,
  after,
  actions,
}: {
  list: { href: string; label: string };
  item: { name: string; latest_version: number };
  before: ReactNode;
  after: ReactNode;
  actions: ReactNode;
}) {
  return (
    <>
      <Breadcrumb href={list.href} label={list.label} />
      <PageHeader
        title={item.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {before}
            <span data-testid="latest-version">Version {item.latest_version}</span>
            {after}
          </span>
        }
        actions={actions}
      />
    </>
  );
}
