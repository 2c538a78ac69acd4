import Link from "next/link";

type UsedBy = { template_id: string; template_name: string };

/** One entry per template, though a template may use the transform in several pipelines. */
export function uniqueTemplates(usedBy: UsedBy[] | undefined): UsedBy[] {
  return [...new Map((usedBy ?? []).map((u) => [u.template_id, u])).values()];
}

/** The templates that use a transform, as comma-separated links. */
export function UsedByLinks({ usedBy }: { usedBy: UsedBy[] }) {
  return usedBy.map((u, i) => (
    <span key={u.template_id}>
      {i > 0 && ", "}
      <Link href={`/templates/${u.template_id}`} className="hover:underline">
        {u.template_name}
      </Link>
    </span>
  ));
}
