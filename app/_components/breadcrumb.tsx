import Link from "next/link";

/** "Parent /" above a page title, linking back to the list. */
export function Breadcrumb({ href, label }: { href: string; label: string }) {
  return (
    <nav aria-label="Breadcrumb" className="text-muted-foreground mb-2 text-sm">
      <Link href={href} className="hover:underline">
        {label}
      </Link>{" "}
      /
    </nav>
  );
}
