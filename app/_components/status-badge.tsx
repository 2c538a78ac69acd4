import { Badge } from "./ui/badge";

type Variant = "default" | "secondary" | "destructive" | "success" | "warning" | "outline";

// One place that decides the colour of every status word the agent and token pages show.
const VARIANTS: Record<string, Variant> = {
  // gateways
  registered: "outline",
  active: "success",
  inactive: "secondary",
  error: "destructive",
  // live OpAMP connection
  connected: "success",
  disconnected: "secondary",
  // registration tokens
  expired: "warning",
  revoked: "secondary",
  used_up: "outline",
  // remote config status
  APPLIED: "success",
  APPLYING: "warning",
  FAILED: "destructive",
  UNSET: "outline",
};

const LABELS: Record<string, string> = { used_up: "used up" };

export function StatusBadge({ status, className }: { status: string | null | undefined; className?: string }) {
  const value = status ?? "unknown";
  return (
    <Badge variant={VARIANTS[value] ?? "outline"} className={className} data-testid="status-badge" data-status={value}>
      {LABELS[value] ?? value.toLowerCase()}
    </Badge>
  );
}
