import {
  Activity,
  BarChart3,
  Bell,
  BookOpen,
  FileCode2,
  Gauge,
  KeyRound,
  Rocket,
  Route,
  Settings,
  Shuffle,
} from "lucide-react";

/** The shell's pages, in sidebar order; the command palette offers the same list. */
export const NAV_ITEMS = [
  { href: "/", label: "Dashboard", icon: Gauge },
  { href: "/agents", label: "Agents", icon: Activity },
  { href: "/registration-tokens", label: "Registration tokens", icon: KeyRound },
  { href: "/templates", label: "Templates", icon: FileCode2 },
  { href: "/deployments", label: "Deployments", icon: Rocket },
  { href: "/transforms", label: "Transforms", icon: Shuffle },
  { href: "/cardinality", label: "Cardinality", icon: BarChart3 },
  { href: "/routes", label: "Routes", icon: Route },
  { href: "/alerts", label: "Alerts", icon: Bell },
  { href: "/settings", label: "Settings", icon: Settings },
  { href: "/api-docs", label: "API reference", icon: BookOpen },
];
