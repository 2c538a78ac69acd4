"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Activity, Bell, BookOpen, FileCode2, Gauge, KeyRound, Rocket, Route, Settings, Shuffle } from "lucide-react";
import { cn } from "@/lib/ui/cn";

const ITEMS = [
  { href: "/", label: "Dashboard", icon: Gauge },
  { href: "/agents", label: "Agents", icon: Activity },
  { href: "/registration-tokens", label: "Registration tokens", icon: KeyRound },
  { href: "/templates", label: "Templates", icon: FileCode2 },
  { href: "/deployments", label: "Deployments", icon: Rocket },
  { href: "/transforms", label: "Transforms", icon: Shuffle },
  { href: "/routes", label: "Routes", icon: Route },
  { href: "/alerts", label: "Alerts", icon: Bell },
  { href: "/settings", label: "Settings", icon: Settings },
  { href: "/api-docs", label: "API reference", icon: BookOpen },
];

export function Nav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="grid gap-1">
      {ITEMS.map(({ href, label, icon: Icon }) => {
        const active = href === "/" ? pathname === "/" : pathname.startsWith(href);
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex items-center gap-2 rounded-md px-3 py-2 text-sm hover:bg-accent",
              active ? "bg-accent font-medium" : "text-muted-foreground",
            )}
          >
            <Icon className="size-4" /> {label}
          </Link>
        );
      })}
    </nav>
  );
}
