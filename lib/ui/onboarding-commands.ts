/** Copy-paste commands that start a gateway with a registration token, as the onboarding notes describe. */
export type OnboardingTarget = { token: string; flowgateUrl: string; instanceId?: string };

export function dockerRunCommand({ token, flowgateUrl, instanceId = "gateway-1" }: OnboardingTarget): string {
  return [
    "docker run -d --name flowgate-gateway \\",
    `  -e REGISTRATION_TOKEN=${token} \\`,
    `  -e BACKEND_URL=${flowgateUrl} \\`,
    `  -e OPAMP_SERVER_URL=${flowgateUrl} \\`,
    `  -e INSTANCE_ID=${instanceId} \\`,
    "  -v flowgate-gateway:/var/lib/otelcol \\",
    "  -p 4317:4317 -p 4318:4318 \\",
    "  flowgate-gateway",
  ].join("\n");
}

export function dockerComposeCommand({ token, flowgateUrl }: OnboardingTarget): string {
  return `REGISTRATION_TOKEN=${token} BACKEND_URL=${flowgateUrl} OPAMP_SERVER_URL=${flowgateUrl} docker compose up -d gateway`;
}

/** For a gateway whose registration failed: re-register it with a fresh registration token (design notes). */
export function restartRegistrationCommand({ flowgateUrl, gatewayId, orgId }: { flowgateUrl: string; gatewayId: string; orgId: string }): string {
  return [
    `curl -X POST "${flowgateUrl}/api/v1/gateways/${gatewayId}/restart-registration?org_id=${orgId}" \\`,
    '  -H "Authorization: Bearer <registration-token>" \\',
    '  -H "Content-Type: application/json"',
  ].join("\n");
}
