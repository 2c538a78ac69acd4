import Link from "next/link";
import { LogOut } from "lucide-react";
import { requireSessionContext } from "@/lib/auth/session";
import { Button } from "@/app/_components/ui/button";
import { CommandPalette } from "@/app/_components/command-palette";
import { Nav } from "@/app/_components/nav";
import { OrgSwitcher } from "@/app/_components/org-switcher";
import { SidebarSheet } from "@/app/_components/sidebar-sheet";
import { ThemeToggle } from "@/app/_components/theme-toggle";
import { signOutAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const ctx = await requireSessionContext();
  // One sidebar, shown beside the page from 1024 px and in a sheet below.
  const sidebar = (
    <>
      <Link href="/" className="px-3 text-lg font-semibold tracking-tight">
        FlowGate
      </Link>
      <Nav />
      <div className="mt-auto grid gap-2 px-3 text-xs">
        <div className="text-muted-foreground grid gap-1">
          <div data-testid="current-user" className="text-foreground truncate font-medium">
            {ctx.email}
          </div>
          {ctx.memberships.length > 1 ? (
            <OrgSwitcher
              memberships={ctx.memberships.map(({ orgId, orgName, role }) => ({ orgId, orgName, role }))}
              current={ctx.orgId}
            />
          ) : (
            <div data-testid="current-org">
              {ctx.orgName} · {ctx.role}
            </div>
          )}
        </div>
        <form action={signOutAction}>
          <Button type="submit" variant="outline" size="sm" className="w-full">
            <LogOut /> Sign out
          </Button>
        </form>
      </div>
    </>
  );
  return (
    <div className="flex min-h-screen">
      <aside className="bg-muted/30 sticky top-0 hidden h-screen w-60 shrink-0 flex-col gap-6 overflow-y-auto border-r p-4 lg:flex">
        {sidebar}
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="bg-background/95 sticky top-0 z-40 flex items-center gap-2 border-b px-4 py-2 lg:px-8">
          <SidebarSheet>{sidebar}</SidebarSheet>
          <Link href="/" className="font-semibold tracking-tight lg:hidden">
            FlowGate
          </Link>
          <div className="ml-auto flex items-center gap-2">
            <CommandPalette />
            <ThemeToggle />
          </div>
        </header>
        <main className="min-w-0 flex-1 p-4 sm:p-6 lg:p-8">{children}</main>
      </div>
    </div>
  );
}
