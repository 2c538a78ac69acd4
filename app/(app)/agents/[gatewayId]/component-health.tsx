import { cn } from "@/lib/ui/cn";

/** OpAMP ComponentHealth as the OpAMP server stores it: a tree keyed by component name. */
export type ComponentHealthNode = {
  healthy?: boolean;
  status?: string;
  last_error?: string;
  start_time_unix_nano?: string | number;
  component_health_map?: Record<string, ComponentHealthNode>;
  /** Set when the report was over FLOWGATE_OPAMP_MAX_COMPONENT_HEALTH_BYTES and only its top level was stored. */
  omitted_components?: number;
};

function Dot({ healthy, stale }: { healthy?: boolean; stale: boolean }) {
  return (
    <span
      aria-hidden
      className={cn(
        "mt-1.5 size-2 shrink-0 rounded-full",
        stale || healthy === undefined ? "bg-muted-foreground/40" : healthy === false ? "bg-destructive" : "bg-success",
      )}
    />
  );
}

function Node({ name, node, stale }: { name: string; node: ComponentHealthNode; stale: boolean }) {
  const children = Object.entries(node.component_health_map ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return (
    <li data-testid="component-health-node" data-healthy={stale ? "unknown" : String(node.healthy ?? "unknown")}>
      <div className="flex items-start gap-2 py-0.5">
        <Dot healthy={node.healthy} stale={stale} />
        <div className="min-w-0">
          <span className="font-mono text-xs">{name}</span>
          {node.status && <span className="text-muted-foreground ml-2 text-xs">{node.status}</span>}
          {node.last_error && <p className="text-destructive text-xs break-words">{node.last_error}</p>}
        </div>
      </div>
      {children.length > 0 && (
        <ul className="ml-1 border-l pl-3">
          {children.map(([child, c]) => (
            <Node key={child} name={child} node={c} stale={stale} />
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * The agent's health tree (the collector, its pipelines, their components), unhealthy ones in red with the error.
 * `offline`: the last report says nothing about now, so every dot is grey and the tree is marked as last known.
 */
export function ComponentHealthTree({
  health,
  offline = false,
}: {
  health: ComponentHealthNode | null | undefined;
  offline?: boolean;
}) {
  if (!health || Object.keys(health).length === 0) {
    return (
      <p className="text-muted-foreground text-sm">
        Not reported. Agents with the ReportsHealth capability send it over OpAMP.
      </p>
    );
  }
  return (
    <>
      {offline && (
        <p className="text-muted-foreground mb-2 text-sm" data-testid="component-health-offline">
          Unknown while offline: the gateway is disconnected, this is its last report.
        </p>
      )}
      <ul className={cn("text-sm", offline && "opacity-60")}>
        <Node name="agent" node={health} stale={offline} />
      </ul>
      {!!health.omitted_components && (
        <p className="text-muted-foreground mt-2 text-sm break-words" data-testid="component-health-omitted">
          {health.omitted_components} components not stored: the report was larger than the server&apos;s component
          health limit (FLOWGATE_OPAMP_MAX_COMPONENT_HEALTH_BYTES).
        </p>
      )}
    </>
  );
}
