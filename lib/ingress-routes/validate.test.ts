import { describe, expect, it } from "vitest";
import { hostnameProblem, k8sNameProblem, pathProblem, portProblem, publicEndpointProblem } from "./validate";
import { LIMITS, registerRouteInput, syncIngressesInput } from "./schemas";
import { expandSync, sameRoute, specFromRegister } from "./expand";

describe("hostnameProblem (RFC 1123, Kubernetes Ingress host)", () => {
  it.each([
    "app.example.com",
    "a.b",
    "localhost",
    "x-1.example-2.io",
    "*.example.com",
    "*.com",
    "a".repeat(63) + ".io",
  ])("accepts %s", (h) => {
    expect(hostnameProblem(h)).toBeNull();
  });
  it.each([
    ["", "is required"],
    ["a".repeat(64) + ".io", "longer than 63"],
    [("a".repeat(60) + ".").repeat(5) + "io", "at most 253"],
    ["-app.example.com", "must start and end"],
    ["app-.example.com", "must start and end"],
    ["app_1.example.com", "may contain only"],
    ["app..example.com", "empty labels"],
    ["app.example.com.", "empty labels"],
    ["*", "must be followed by a domain"],
    ["a.*.example.com", "wildcard only as the whole leftmost label"],
    ["*app.example.com", "wildcard only as the whole leftmost label"],
    ["**.example.com", "wildcard only as the whole leftmost label"],
    ["10.0.0.1", "not an IP address"],
    ["[::1]", "not an IP address"],
  ])("refuses %s", (h, reason) => {
    expect(hostnameProblem(h)).toContain(reason);
  });
});

describe("other field rules", () => {
  it("ports are integers 1–65535", () => {
    expect(portProblem(1)).toBeNull();
    expect(portProblem(65535)).toBeNull();
    for (const p of [0, 65536, -1, 80.5, NaN]) expect(portProblem(p)).toBe("must be an integer from 1 to 65535");
  });
  it("public endpoints are host[:port]", () => {
    for (const ok of ["203.0.113.45:80", "203.0.113.45", "lb.example.com:443", "[2001:db8::1]:8443"])
      expect(publicEndpointProblem(ok)).toBeNull();
    expect(publicEndpointProblem("203.0.113.45:0")).toContain("out of range");
    expect(publicEndpointProblem("300.0.0.1:80")).toContain("not a valid IPv4");
    expect(publicEndpointProblem("http://lb:80")).toContain('"host:port"');
    expect(publicEndpointProblem("*.lb.example.com")).toContain("wildcard");
    expect(publicEndpointProblem("lb_1.example.com")).toContain("host label");
  });
  it("paths start with / and carry no whitespace", () => {
    expect(pathProblem("/api")).toBeNull();
    expect(pathProblem("api")).toBe('must start with "/"');
    expect(pathProblem("/a b")).toContain("whitespace");
    expect(pathProblem("/" + "a".repeat(2048))).toContain("2048");
  });
  it("Kubernetes names", () => {
    expect(k8sNameProblem("my-app", "label")).toBeNull();
    expect(k8sNameProblem("my.app", "label")).toContain("Kubernetes name");
    expect(k8sNameProblem("my.app", "subdomain")).toBeNull();
    expect(k8sNameProblem("My-App", "subdomain")).toContain("Kubernetes name");
  });
});

const route = {
  hostname: "App.Example.com",
  cluster_uuid: "abc-123-def-456",
  namespace: "default",
  service_name: "my-app",
  service_port: 8080,
  ingress_name: "my-app-ingress",
  path: "/",
  path_type: "Prefix",
  tls: true,
  annotations: { a: "b" },
  public_endpoint: "203.0.113.45:80",
  routing_mode: "direct",
};
const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];

describe("registerRouteInput", () => {
  it("accepts the note's example and normalizes", () => {
    const d = registerRouteInput.parse({
      ...route,
      path: "",
      routing_mode: "tunnel",
      public_endpoint: "",
      annotations: null,
      tls: null,
    });
    expect(d).toMatchObject({
      hostname: "app.example.com",
      path: "/",
      public_endpoint: null,
      annotations: {},
      tls: false,
    });
  });
  it("names every bad field with a clear message", () => {
    const r = registerRouteInput.safeParse({
      hostname: "bad_host",
      service_port: 70000,
      path: "x",
      path_type: "Regex",
      routing_mode: "proxy",
    });
    expect(messages(r)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^hostname: label "bad_host"/),
        "cluster_uuid: is required",
        "namespace: is required",
        "service_name: is required",
        "service_port: must be an integer from 1 to 65535",
        "ingress_name: is required",
        'path: must start with "/"',
        "path_type: must be one of Prefix, Exact, ImplementationSpecific",
        'routing_mode: must be "direct" or "tunnel"',
      ]),
    );
  });
  it("keeps routing_mode consistent with public_endpoint", () => {
    expect(messages(registerRouteInput.safeParse({ ...route, public_endpoint: "" }))).toEqual([
      'public_endpoint: is required when routing_mode is "direct" (the LoadBalancer address, like "203.0.113.45:80")',
    ]);
    expect(messages(registerRouteInput.safeParse({ ...route, routing_mode: "tunnel" }))).toEqual([
      'public_endpoint: must be empty when routing_mode is "tunnel" (tunnel routes go through the agent)',
    ]);
  });
  it("limits annotations", () => {
    const big = { k: "x".repeat(LIMITS.annotationsBytes) };
    expect(messages(registerRouteInput.safeParse({ ...route, annotations: big }))[0]).toMatch(
      /^annotations: must be at most 16384 bytes as JSON/,
    );
    expect(messages(registerRouteInput.safeParse({ ...route, annotations: { k: 1 } }))[0]).toBe(
      "annotations.k: values must be strings",
    );
  });
});

const ingress = (name: string, host: string, paths = ["/"]) => ({
  namespace: "default",
  ingress_name: name,
  annotations: {},
  rules: [
    {
      host,
      tls: false,
      paths: paths.map((p) => ({ path: p, path_type: "Prefix", service_name: "svc", service_port: 80 })),
    },
  ],
});

describe("syncIngressesInput and expandSync", () => {
  it("expands ingresses → rules → paths with the cluster's mode", () => {
    const d = syncIngressesInput.parse({
      cluster_uuid: "c1",
      routing_mode: "tunnel",
      public_endpoint: "",
      ingresses: [ingress("a", "a.example.com", ["/", "/api"]), ingress("b", "b.example.com")],
    });
    const specs = expandSync(d);
    expect(specs.map((s) => `${s.hostname}${s.path}`)).toEqual([
      "a.example.com/",
      "a.example.com/api",
      "b.example.com/",
    ]);
    expect(specs.every((s) => s.routingMode === "tunnel" && s.publicEndpoint === null && s.clusterUuid === "c1")).toBe(
      true,
    );
  });
  it("requires ingresses (null is an empty set) and caps their number", () => {
    expect(messages(syncIngressesInput.safeParse({ cluster_uuid: "c1", routing_mode: "tunnel" }))).toEqual([
      "ingresses: is required (send [] to remove every route of the cluster)",
    ]);
    expect(syncIngressesInput.parse({ cluster_uuid: "c1", routing_mode: "tunnel", ingresses: null }).ingresses).toEqual(
      [],
    );
    const many = Array.from({ length: LIMITS.syncIngresses + 1 }, (_, i) => ingress(`i${i}`, `h${i}.example.com`));
    expect(
      messages(syncIngressesInput.safeParse({ cluster_uuid: "c1", routing_mode: "tunnel", ingresses: many })),
    ).toEqual(["ingresses: must list at most 1000 ingresses per sync"]);
  });
  it("refuses the same host+path listed twice, and more routes than the limit", () => {
    const dup = syncIngressesInput.safeParse({
      cluster_uuid: "c1",
      routing_mode: "tunnel",
      ingresses: [ingress("a", "x.example.com"), ingress("b", "X.example.com")],
    });
    expect(messages(dup)).toEqual([
      'ingresses.1.rules.0.paths.0: host "x.example.com" path "/" is listed twice (default/a and default/b)',
    ]);
    const paths = Array.from({ length: 100 }, (_, i) => `/p${i}`);
    const wide = Array.from({ length: 51 }, (_, i) => ingress(`i${i}`, `h${i}.example.com`, paths));
    expect(
      messages(syncIngressesInput.safeParse({ cluster_uuid: "c1", routing_mode: "tunnel", ingresses: wide })),
    ).toEqual(["ingresses: expand to 5100 routes; at most 5000 per sync"]);
  });
  it("sameRoute ignores annotation key order but not the reporting gateway", () => {
    const spec = specFromRegister(registerRouteInput.parse({ ...route, annotations: { a: "1", b: "2" } }));
    const row = { ...spec, annotations: { b: "2", a: "1" }, gatewayId: "g1" };
    expect(sameRoute(row, spec, "g1")).toBe(true);
    expect(sameRoute(row, spec, "g2")).toBe(false);
    expect(sameRoute(row, { ...spec, servicePort: 81 }, "g1")).toBe(false);
  });
});
