/** Per-gateway variables a template may use. Other `${…}` references (e.g. `${env:API_KEY}`) are the collector's and stay untouched. */
export type GatewayVariables = { id: string; orgId: string; instanceId: string; name: string };

const VARIABLE = /\$\{(INSTANCE_ID|GATEWAY_NAME|GATEWAY_ID|ORG_ID)\}/;

/** Whether rendering depends on the gateway at all. */
export function usesGatewayVariables(content: string): boolean {
  return VARIABLE.test(content);
}

export function renderTemplate(content: string, g: GatewayVariables): string {
  const vars: Record<string, string> = {
    INSTANCE_ID: g.instanceId,
    GATEWAY_NAME: g.name,
    GATEWAY_ID: g.id,
    ORG_ID: g.orgId,
  };
  return content.replace(/\$\{(INSTANCE_ID|GATEWAY_NAME|GATEWAY_ID|ORG_ID)\}/g, (_, k: string) => vars[k]);
}
