/**
 * Pure validation rules for reported ingress routes. Each returns null when the value is fine, else the reason,
 * phrased to follow the field name in an error message ("hostname: <reason>").
 */

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function labelProblem(label: string): string | null {
  if (label === "") return 'must not contain empty labels (".." or a leading/trailing dot)';
  if (label.length > 63) return `label "${label.slice(0, 20)}…" is longer than 63 characters`;
  if (!DNS_LABEL.test(label)) {
    return `label "${label}" may contain only lowercase letters, digits and "-", and must start and end with a letter or digit`;
  }
  return null;
}

/**
 * RFC 1123 host name as Kubernetes Ingress accepts it: lowercase labels of 1–63 characters, at most 253 in
 * total, not an IP address; a wildcard only as the whole leftmost label ("*.example.com").
 */
export function hostnameProblem(host: string): string | null {
  if (host === "") return "is required";
  if (host.length > 253) return "must be at most 253 characters";
  if (IPV4.test(host) || host.includes(":")) return "must be a DNS name, not an IP address";
  const labels = host.split(".");
  if (labels.some((l, i) => l.includes("*") && !(i === 0 && l === "*"))) {
    return 'may contain a wildcard only as the whole leftmost label, like "*.example.com"';
  }
  const rest = labels[0] === "*" ? labels.slice(1) : labels;
  if (rest.length === 0) return 'wildcard must be followed by a domain, like "*.example.com"';
  for (const label of rest) {
    const problem = labelProblem(label);
    if (problem) return problem;
  }
  return null;
}

/** `host[:port]`: the LoadBalancer address a direct route is sent to (a DNS name, IPv4, or [IPv6]). */
export function publicEndpointProblem(endpoint: string): string | null {
  const m = endpoint.match(/^(\[[0-9a-fA-F:.]+\]|[^:\[\]]+)(?::(\d+))?$/);
  if (!m) return 'must be "host" or "host:port", like "203.0.113.45:80"';
  const [, host, port] = m;
  if (port !== undefined && portProblem(Number(port))) return `port ${port} is out of range (1–65535)`;
  if (host.startsWith("[") || IPV4.test(host)) {
    if (IPV4.test(host) && host.split(".").some((o) => Number(o) > 255)) return `"${host}" is not a valid IPv4 address`;
    return null;
  }
  if (host.includes("*")) return "host must not be a wildcard";
  const problem = hostnameProblem(host.toLowerCase());
  return problem ? `host ${problem}` : null;
}

export function portProblem(port: number): string | null {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? null : "must be an integer from 1 to 65535";
}

/** Kubernetes object names: a DNS-1123 label (namespaces, services) or subdomain (ingresses). */
export function k8sNameProblem(name: string, kind: "label" | "subdomain"): string | null {
  if (name === "") return "is required";
  const max = kind === "label" ? 63 : 253;
  if (name.length > max) return `must be at most ${max} characters`;
  const parts = kind === "label" ? [name] : name.split(".");
  if (parts.some((p) => !DNS_LABEL.test(p))) {
    return `must be a Kubernetes name: lowercase letters, digits${kind === "subdomain" ? ', "." ' : " "}and "-", starting and ending with a letter or digit`;
  }
  return null;
}

export function pathProblem(path: string): string | null {
  if (!path.startsWith("/")) return 'must start with "/"';
  if (path.length > 2048) return "must be at most 2048 characters";
  if (/[\s\u0000-\u001f\u007f]/.test(path)) return "must not contain whitespace or control characters";
  return null;
}
