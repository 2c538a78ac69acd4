/** Copy-paste commands that start a gateway (the gateway/ package) with a registration token. */
export type OnboardingTarget = { token: string; flowgateUrl: string; instanceId?: string };

/** The OpAMP URL is derived from BACKEND_URL by the gateway's scripts, so one URL is enough. */
export function dockerRunCommand({ token, flowgateUrl, instanceId = "gateway-1" }: OnboardingTarget): string {
  return [
    "# once, from a FlowGate checkout: docker build -t flowgate-gateway ./gateway",
    "docker run -d --name flowgate-gateway \\",
    `  -e REGISTRATION_TOKEN=${token} \\`,
    `  -e BACKEND_URL=${flowgateUrl} \\`,
    `  -e INSTANCE_ID=${instanceId} \\`,
    "  -v flowgate-gateway:/var/lib/otelcol \\",
    "  -p 4317:4317 -p 4318:4318 \\",
    "  flowgate-gateway",
  ].join("\n");
}

/** docker-compose.yml's `gateway` service already points at the `app` service. */
export function dockerComposeCommand({ token }: OnboardingTarget): string {
  return `REGISTRATION_TOKEN=${token} docker compose up -d gateway`;
}

/** For a gateway whose registration failed: re-register it with a fresh registration token. */
export function restartRegistrationCommand({
  flowgateUrl,
  gatewayId,
  orgId,
}: {
  flowgateUrl: string;
  gatewayId: string;
  orgId: string;
}): string {
  return [
    `curl -X POST "${flowgateUrl}/api/v1/gateways/${gatewayId}/restart-registration?org_id=${orgId}" \\`,
    '  -H "Authorization: Bearer <registration-token>" \\',
    '  -H "Content-Type: application/json"',
  ].join("\n");
}
