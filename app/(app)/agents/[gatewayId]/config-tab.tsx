import type { GatewayConfig } from "@/lib/ui/gateway-types";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { YamlViewer } from "@/app/_components/yaml-viewer";

function desiredSource(c: GatewayConfig): string {
  if (c.source === "deployment") return `Deployment ${c.deployment_id} (template version ${c.config_version})`;
  if (c.source === "base") return `The organization's base template (version ${c.config_version})`;
  return "No deployment or base template applies to this gateway.";
}

/** What FlowGate wants the gateway to run, beside what the gateway says it runs. */
export function ConfigTab({ config, instanceId }: { config: GatewayConfig; instanceId: string }) {
  const hasDesired = config.source === "deployment" || config.source === "base";
  return (
    <div className="grid gap-4 xl:grid-cols-2">
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
