import { expect, type APIRequestContext } from "@playwright/test";
import { runCli } from "./cli";

/** A new organization, made with the real CLI, and an owner API key for preparing its data. */
export function createOrgWithKey(name: string): { id: string; key: string } {
  const org = JSON.parse(runCli(["org", "create", name, "--json"])) as { id: string };
  const { key } = JSON.parse(
    runCli(["api-key", "create", "--org", name, "--role", "owner", "--name", `${name}-key`, "--json"]),
  ) as { key: string };
  return { id: org.id, key };
}

/** A user of `orgs[0]` who is also a member of the others (`flowgate member add`). */
export function createMultiOrgUser(email: string, password: string, orgs: string[]) {
  runCli(["user", "create", "--email", email, "--password", password, "--org", orgs[0], "--role", "operator"]);
  for (const org of orgs.slice(1)) runCli(["member", "add", "--email", email, "--org", org, "--role", "viewer"]);
}

/** Onboards one gateway into the org the API key belongs to. */
export async function onboardGateway(request: APIRequestContext, apiKey: string, name: string): Promise<string> {
  const tokenRes = await request.post("/api/v1/registration-tokens", {
    headers: { authorization: `Bearer ${apiKey}` },
    data: { name: `token for ${name}`, expires_in_days: 1 },
  });
  expect(tokenRes.status()).toBe(201);
  const { token } = (await tokenRes.json()) as { token: string };
  const res = await request.post("/api/v1/gateways", {
    headers: { authorization: `Bearer ${token}` },
    data: { name, instance_id: name, hostname: `${name}.example.test` },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}
