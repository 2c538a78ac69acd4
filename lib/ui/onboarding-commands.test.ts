import { describe, expect, it } from "vitest";
import { dockerComposeCommand, dockerRunCommand, restartRegistrationCommand } from "./onboarding-commands";

describe("onboarding commands", () => {
  const target = { token: "T".repeat(64), flowgateUrl: "https://flowgate.example.com" };

  it("fill in the registration token and the FlowGate URL the gateway scripts read", () => {
    const run = dockerRunCommand(target);
    expect(run).toContain(`-e REGISTRATION_TOKEN=${target.token}`);
    expect(run).toContain("-e BACKEND_URL=https://flowgate.example.com");
    // Every command line but the last continues, so the command pastes as one.
    const lines = run.split("\n").filter((l) => !l.startsWith("#"));
    expect(lines.slice(0, -1).every((l) => l.endsWith("\\"))).toBe(true);
    expect(lines.at(-1)).toBe("  flowgate-gateway");
    expect(dockerComposeCommand(target)).toBe(`REGISTRATION_TOKEN=${target.token} docker compose up -d gateway`);
  });

  it("builds the restart-registration call of the notes for one gateway", () => {
    const cmd = restartRegistrationCommand({ flowgateUrl: "http://localhost:3000", gatewayId: "g-1", orgId: "o-1" });
    expect(cmd).toContain('curl -X POST "http://localhost:3000/api/v1/gateways/g-1/restart-registration?org_id=o-1"');
    expect(cmd).toContain("Authorization: Bearer <registration-token>");
  });
});
