import type { GatewayConfig } from "@/lib/ui/gateway-types";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { YamlViewer } from "@/app/_components/yaml-viewer";
import { lineDiff } from "@/lib/ui/line-diff";
import { cn } from "@/lib/ui/cn";

function desiredSource(c: GatewayConfig): string {
  if (c.source === "deployment") return `Deployment ${c.deployment_id} (template version ${c.config_version})`;
  if (c.source === "base") return `The organization's base template (version ${c.config_version})`;
  return "No deployment or base template applies to this gateway.";
}

const LINE_CLASS = {
  " ": "text-muted-foreground",
  "-": "bg-destructive/10 text-destructive",
  "+": "bg-success/10 text-success",
};

/** Desired (−) against effective (+), shown when the two hashes differ. */
function DriftDiff({ desired, effective }: { desired: string; effective: string }) {
  const diff = lineDiff(desired, effective);
  return (
    <Card className="xl:col-span-2" data-testid="config-drift">
      <CardHeader>
        <CardTitle>Drift</CardTitle>
        <CardDescription>
          The gateway runs a config other than the desired one: lines only in the desired config are marked −, lines
          only in the effective config +.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {diff ? (
          <pre className="max-h-96 overflow-auto rounded border text-xs">
            {diff.map((l, i) => (
              <div key={i} className={cn("px-2 whitespace-pre", LINE_CLASS[l.op])} data-op={l.op}>
                {l.op} {l.text}
              </div>
            ))}
          </pre>
        ) : (
          <p className="text-muted-foreground text-sm">The configs are too long to compare here.</p>
        )}
      </CardContent>
    </Card>
  );
}

/** What FlowGate wants the gateway to run, beside what the gateway says it runs, and their difference. */
export function ConfigTab({ config, instanceId }: { config: GatewayConfig; instanceId: string }) {
  const hasDesired = config.source === "deployment" || config.source === "base";
  const drifted =
    hasDesired &&
    config.config_yaml !== null &&
    config.effective_config_yaml !== null &&
    config.effective_config_hash !== null &&
    config.config_hash !== config.effective_config_hash;
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      {drifted && <DriftDiff desired={config.config_yaml!} effective={config.effective_config_yaml!} />}
      <Card>
        <CardHeader>
          <CardTitle>Desired config</CardTitle>
          <CardDescription>
            {desiredSource(config)}
            {config.config_hash && (
              <>
                {" "}
                · hash <code>{config.config_hash.slice(0, 12)}</code>
              </>
            )}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <YamlViewer
            yaml={hasDesired ? config.config_yaml : null}
            filename={`${instanceId}-desired.yaml`}
            label="desired config"
            empty="Nothing to deploy yet."
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Effective config</CardTitle>
          <CardDescription>
            As the agent last reported it
            {config.effective_config_hash && (
              <>
                {" "}
                · hash <code>{config.effective_config_hash.slice(0, 12)}</code>
              </>
            )}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <YamlViewer
            yaml={config.effective_config_yaml}
            filename={`${instanceId}-effective.yaml`}
            label="effective config"
            empty="Not reported. Agents with the ReportsEffectiveConfig capability send it over OpAMP."
          />
        </CardContent>
      </Card>
    </div>
  );
}
