import Link from "next/link";
import { Button } from "@/app/_components/ui/button";

export const metadata = { title: "Not found" };

/** Inside the shell: the sidebar stays, so a stale link or a foreign id still leaves the way back. */
export default function NotFound() {
  return (
    <div className="mx-auto grid max-w-md justify-items-center gap-4 py-16 text-center">
      <p className="text-muted-foreground text-sm font-medium">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="text-muted-foreground text-sm">
        It may have been deleted, or it belongs to another organization. Pick a page from the menu, or press Ctrl K to
        search.
      </p>
      <Button asChild>
        <Link href="/">Back to the dashboard</Link>
      </Button>
    </div>
  );
}
