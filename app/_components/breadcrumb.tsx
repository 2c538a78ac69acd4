import Link from "next/link";

/** "Parent /" above a page title, linking back to the list. */
export function Breadcrumb({ href, label }: { href: string; label: string }) {
  return (
    <div className="text-muted-foreground mb-2 text-sm">
      <Link href={href} className="hover:underline">
        {label}
      </Link>{" "}
      /
    </div>
  );
}
