import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { AppShell } from "./pages/app";
import { adminApiKey, runCli } from "./pages/cli";

const run = `e2e${Date.now().toString(36)}`;
const clusterA = `${run}-a`;
const clusterB = `${run}-b`;

/** A gateway onboarded over the real API (registration token → registration); returns its OpAMP token. */
async function onboardAgent(request: APIRequestContext) {
  const { key, org_id } = adminApiKey();
  const reg = await request.post(`/api/v1/registration-tokens?org_id=${org_id}`, {
    headers: { authorization: `Bearer ${key}` },
    data: { name: `routes-${run}` },
  });
  expect(reg.status()).toBe(201);
  const gw = await request.post("/api/v1/gateways", {
    headers: { authorization: `Bearer ${(await reg.json()).token}` },
    data: { name: `routes-${run}`, instance_id: `routes-${run}`, hostname: "routes.local" },
  });
  expect(gw.status()).toBe(201);
  return (await gw.json()).opamp_token as string;
}

const ingress = (host: string) => ({
  namespace: "shop",
  ingress_name: host.split(".")[0],
  annotations: {},
  rules: [{ host, tls: true, paths: [{ path: "/", path_type: "Prefix", service_name: "web", service_port: 8080 }] }],
});

test("routes synced by an agent appear in the Routes table, filtered by cluster and mode, paged", async ({
  page,
  request,
  baseURL,
}) => {
  const token = await onboardAgent(request);
  // Cluster A: 30 tunnel routes through the real CLI; cluster B: 2 direct routes through the REST API.
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "routes-e2e-")), "ingresses.json");
  const hostsA = Array.from({ length: 30 }, (_, i) => `a${String(i).padStart(2, "0")}-${run}.example.com`);
  fs.writeFileSync(
    file,
    JSON.stringify({
      cluster_uuid: clusterA,
      routing_mode: "tunnel",
      public_endpoint: "",
      ingresses: hostsA.map(ingress),
    }),
  );
  expect(runCli(["routes", "sync", "--file", file, "--url", baseURL!, "--token", token])).toContain(
    "30 routes (30 created",
  );
  const synced = await request.post("/api/v1/gateway/routes/sync", {
    headers: { authorization: `Bearer ${token}` },
    data: {
      cluster_uuid: clusterB,
      routing_mode: "direct",
      public_endpoint: "203.0.113.45:80",
      ingresses: [ingress(`b1-${run}.example.com`), ingress(`b2-${run}.example.com`)],
    },
  });
  expect(synced.status()).toBe(200);

  const shell = new AppShell(page);
  await shell.signIn();
  await shell.goTo("Routes");
  const rows = page.getByTestId("route-row");

  await page.getByLabel("Cluster").selectOption(clusterB);
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText(`b1-${run}.example.com`);
  await expect(rows.first()).toContainText("shop/web:8080");
  await expect(rows.first()).toContainText("203.0.113.45:80");
  await expect(rows.first()).toContainText("direct");
  await expect(page).toHaveURL(new RegExp(`cluster_uuid=${clusterB}`));

  await page.getByLabel("Cluster").selectOption(clusterA);
  await expect(page.getByTestId("table-range")).toHaveText("1–25 of 30");
  await expect(rows.first()).toContainText(hostsA[0]);
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page.getByTestId("table-range")).toHaveText("26–30 of 30");
  await expect(rows.last()).toContainText(hostsA[29]);

  // Cluster A is all tunnel: asking for direct routes of it finds none.
  await page.getByLabel("Routing mode").selectOption("direct");
  await expect(page.getByText("No routes match these filters")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await page.getByLabel("Search routes").fill(`b2-${run}`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(clusterB);

  // Clicking a cluster narrows the table to it.
  await page.getByLabel("Search routes").fill(`b1-${run}`);
  await expect(rows).toHaveCount(1);
  await expect(page.getByLabel("Cluster")).toHaveValue("");
  await rows
    .filter({ hasText: `b1-${run}` })
    .getByTitle("Show only this cluster")
    .click();
  await expect(page.getByLabel("Cluster")).toHaveValue(clusterB);
});
