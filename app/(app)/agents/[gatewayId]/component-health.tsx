import { cn } from "@/lib/ui/cn";

/** OpAMP ComponentHealth as the OpAMP server stores it: a tree keyed by component name. */
export type ComponentHealthNode = {
  healthy?: boolean;
  status?: string;
  last_error?: string;
  start_time_unix_nano?: string | number;
  component_health_map?: Record<string, ComponentHealthNode>;
};

function Dot({ healthy }: { healthy?: boolean }) {
  return (
    <span
      aria-hidden
      className={cn(
        "mt-1.5 size-2 shrink-0 rounded-full",
        healthy === false ? "bg-destructive" : healthy ? "bg-success" : "bg-muted-foreground/40",
      )}
    />
  );
}

function Node({ name, node }: { name: string; node: ComponentHealthNode }) {
  const children = Object.entries(node.component_health_map ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return (
    <li data-testid="component-health-node" data-healthy={String(node.healthy ?? "unknown")}>
      <div className="flex items-start gap-2 py-0.5">
        <Dot healthy={node.healthy} />
        <div className="min-w-0">
          <span className="font-mono text-xs">{name}</span>
          {node.status && <span className="text-muted-foreground ml-2 text-xs">{node.status}</span>}
          {node.last_error && <p className="text-destructive text-xs break-words">{node.last_error}</p>}
        </div>
      </div>
      {children.length > 0 && (
        <ul className="ml-1 border-l pl-3">
          {children.map(([child, c]) => (
            <Node key={child} name={child} node={c} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The agent's health tree (the collector, its pipelines, their components), unhealthy ones in red with the error. */
export function ComponentHealthTree({ health }: { health: ComponentHealthNode | null | undefined }) {
  if (!health || Object.keys(health).length === 0) {
    return (
      <p className="text-muted-foreground text-sm">
        Not reported. Agents with the ReportsHealth capability send it over OpAMP.
      </p>
    );
  }
  return (
    <ul className="text-sm">
      <Node name="agent" node={health} />
    </ul>
  );
}
