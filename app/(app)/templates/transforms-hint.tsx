import Link from "next/link";
import type { Ctx } from "@/lib/auth/context";
import { listTransforms } from "@/lib/transforms/queries";

/**
 * Beside the template editor: the org's transforms and how a pipeline references one. Saving the template
 * expands each reference into the transform's compiled processors.
 */
export async function TransformsHint({ ctx }: { ctx: Ctx }) {
  const { items, total } = await listTransforms(ctx, { limit: 20 });
  return (
    <aside className="bg-muted/30 grid gap-2 rounded-lg border p-3 text-sm" data-testid="transform-hint">
      <p>
        <span className="font-medium">Transforms:</span> list <code>flowgate_transform/&lt;name&gt;</code> (the latest
        version when the template is saved) or <code>flowgate_transform/&lt;name&gt;@&lt;version&gt;</code> (pinned) in
        a pipeline&apos;s <code>processors</code>; gateways receive the compiled processors in its place.
      </p>
      {total === 0 ? (
        <p className="text-muted-foreground">
          No transforms yet.{" "}
          <Link href="/transforms" className="underline">
            Create one
          </Link>
          .
        </p>
      ) : (
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          {items.map((t) => (
            <li key={t.id}>
              <code className="break-all">flowgate_transform/{t.name}</code>{" "}
              <span className="text-muted-foreground">
                ({t.signal}, v{t.latest_version})
              </span>
            </li>
          ))}
          {total > items.length && (
            <li>
              <Link href="/transforms" className="underline">
                all {total}
              </Link>
            </li>
          )}
        </ul>
      )}
    </aside>
  );
}
