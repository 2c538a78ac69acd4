import Link from "next/link";
import { LogOut } from "lucide-react";
import { requireSessionContext } from "@/lib/auth/session";
import { Button } from "@/app/_components/ui/button";
import { Nav } from "@/app/_components/nav";
import { signOutAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const ctx = await requireSessionContext();
  return (
    <div className="flex min-h-screen">
      <aside className="bg-muted/30 flex w-60 shrink-0 flex-col gap-6 border-r p-4">
        <Link href="/" className="px-3 text-lg font-semibold tracking-tight">
          FlowGate
        </Link>
        <Nav />
        <div className="mt-auto grid gap-2 px-3 text-xs">
          <div className="text-muted-foreground">
            <div data-testid="current-user" className="text-foreground truncate font-medium">
              {ctx.email}
            </div>
            <div>
              {ctx.orgName} · {ctx.role}
            </div>
          </div>
          <form action={signOutAction}>
            <Button type="submit" variant="outline" size="sm" className="w-full">
              <LogOut /> Sign out
            </Button>
          </form>
        </div>
      </aside>
      <main className="min-w-0 flex-1 p-8">{children}</main>
    </div>
  );
}
