import { Badge } from "./ui/badge";

type Variant = "default" | "secondary" | "destructive" | "success" | "warning" | "outline";

// One place that decides the colour of every status word: agents, tokens, deployments and their rollouts.
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
  // deployments
  in_progress: "default",
  paused: "warning",
  halted: "destructive",
  completed: "success",
  failed: "destructive",
  cancelled: "secondary",
  superseded: "outline",
  // per-gateway rollout
  pending: "outline",
  sent: "secondary",
  applying: "warning",
  applied: "success",
  timeout: "destructive",
};

/** The badge colour of a status word (outline for one not listed). */
export function statusVariant(status: string): Variant {
  return VARIANTS[status] ?? "outline";
}

const LABELS: Record<string, string> = { used_up: "used up" };

export function StatusBadge({ status, className }: { status: string | null | undefined; className?: string }) {
  const value = status ?? "unknown";
  return (
    <Badge variant={statusVariant(value)} className={className} data-testid="status-badge" data-status={value}>
      {LABELS[value] ?? value.toLowerCase()}
    </Badge>
  );
}
