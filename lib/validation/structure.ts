import { isObject, type Cfg } from "./checks";
import type { Path, Report } from "./report";
import {
  COMPONENT_KINDS,
  KIND_NOUN,
  TRANSFORM_REF_PREFIX,
  type AllowList,
  type ComponentKind,
  type TransformRefCheck,
} from "./types";

/** Component ids defined per section, with the config of each (null for `id:` with no settings). */
export type Defined = Record<ComponentKind, Map<string, Cfg | null>>;

const TYPE_RE = /^[a-zA-Z][0-9a-zA-Z_]{0,62}$/;
const NAME_RE = /^[^\s/]{1,1024}$/;
const PIPELINE_RE = /^(traces|metrics|logs)(\/[^\s/]{1,1024})?$/;
const TOP_LEVEL = [...COMPONENT_KINDS, "service"];

export function componentType(id: string): string {
  return id.split("/")[0];
}

function isValidId(id: string): boolean {
  const [type, name, ...rest] = id.split("/");
  return TYPE_RE.test(type) && rest.length === 0 && (name === undefined || NAME_RE.test(name));
}

/** Top-level keys and the five component sections: id syntax, allow-list, settings must be mappings. */
export function checkSections(root: Cfg, allowList: AllowList, r: Report): Defined {
  for (const key of Object.keys(root)) {
    if (!TOP_LEVEL.includes(key))
      r.warn([key], `Unknown top-level key "${key}" (expected ${TOP_LEVEL.join(", ")})`, "key");
  }
  const defined = Object.fromEntries(COMPONENT_KINDS.map((k) => [k, new Map()])) as Defined;
  for (const kind of COMPONENT_KINDS) {
    const section = root[kind];
    if (section === undefined || section === null) continue;
    if (!isObject(section)) {
      r.error([kind], `${kind} must be a mapping of component id to settings`);
      continue;
    }
    for (const [id, cfg] of Object.entries(section)) {
      if (!isValidId(id)) {
        r.error(
          [kind, id],
          `Invalid ${KIND_NOUN[kind]} id "${id}": use type[/name], such as otlp or otlp/backend`,
          "key",
        );
        continue;
      }
      if (cfg !== null && !isObject(cfg)) {
        r.error([kind, id], `The settings of ${KIND_NOUN[kind]} "${id}" must be a mapping (or empty)`);
        continue;
      }
      defined[kind].set(id, cfg);
      const type = componentType(id);
      if (!allowList[kind].includes(type)) r.error([kind, id], unsupported(kind, id, allowList), "key");
    }
  }
  return defined;
}

function unsupported(kind: ComponentKind, id: string, allowList: AllowList): string {
  const available = allowList[kind].length
    ? `supported ${kind}: ${allowList[kind].join(", ")}`
    : `no ${kind} are allowed`;
  const shown = componentType(id) === id ? `"${id}"` : `"${componentType(id)}" (in "${id}")`;
  return `Unsupported ${KIND_NOUN[kind]} ${shown}: it is not in this organization's component allow-list (${available})`;
}

type Usage = {
  receivers: Set<string>;
  processors: Set<string>;
  exporters: Set<string>;
  connectorIn: Set<string>;
  connectorOut: Set<string>;
};

/** service.extensions and service.pipelines: every reference must resolve; then unused components are warned. */
export function checkService(root: Cfg, defined: Defined, r: Report, transformRef?: TransformRefCheck): void {
  const service = root.service;
  if (service === undefined || service === null) {
    r.error([], "service is required: define service.pipelines with at least one pipeline");
    return;
  }
  if (!isObject(service))
    return r.error(["service"], "service must be a mapping with pipelines (and optionally extensions, telemetry)");
  for (const key of Object.keys(service)) {
    if (!["extensions", "pipelines", "telemetry"].includes(key))
      r.warn(["service", key], `Unknown key "${key}" in service (expected extensions, pipelines, telemetry)`, "key");
  }
  const enabled = checkServiceExtensions(service.extensions, defined, r);
  const usage = checkPipelines(service.pipelines, defined, r, transformRef);
  warnUnused(defined, usage, enabled, r);
}

function checkServiceExtensions(list: unknown, defined: Defined, r: Report): Set<string> {
  const enabled = new Set<string>();
  if (list === undefined || list === null) return enabled;
  if (!Array.isArray(list)) {
    r.error(["service", "extensions"], "service.extensions must be a list of extension ids");
    return enabled;
  }
  list.forEach((id, i) => {
    const at = ["service", "extensions", i];
    if (typeof id !== "string") return r.error(at, "service.extensions entries must be extension ids");
    if (enabled.has(id)) return r.error(at, `Extension "${id}" is listed twice in service.extensions`);
    enabled.add(id);
    if (!defined.extensions.has(id))
      r.error(at, `Extension "${id}" is listed in service.extensions but not defined under extensions`);
  });
  return enabled;
}

function checkPipelines(pipelines: unknown, defined: Defined, r: Report, transformRef?: TransformRefCheck): Usage {
  const usage: Usage = {
    receivers: new Set(),
    processors: new Set(),
    exporters: new Set(),
    connectorIn: new Set(),
    connectorOut: new Set(),
  };
  if (!isObject(pipelines) || Object.keys(pipelines).length === 0) {
    r.error(
      pipelines === undefined ? ["service"] : ["service", "pipelines"],
      "service.pipelines must define at least one pipeline, such as traces, metrics or logs",
      "key",
    );
    return usage;
  }
  for (const [id, p] of Object.entries(pipelines)) {
    const at = ["service", "pipelines", id];
    if (!PIPELINE_RE.test(id)) {
      r.error(
        at,
        `Invalid pipeline id "${id}": use traces, metrics or logs, optionally followed by /name (such as logs/audit)`,
        "key",
      );
      continue;
    }
    if (!isObject(p)) {
      r.error(at, `Pipeline "${id}" must be a mapping with receivers, processors and exporters`);
      continue;
    }
    for (const key of Object.keys(p)) {
      if (!["receivers", "processors", "exporters"].includes(key))
        r.warn([...at, key], `Unknown key "${key}" in pipeline "${id}"`, "key");
    }
    checkPipelineList(id, p, "receivers", defined, usage, r);
    checkPipelineList(id, p, "processors", defined, usage, r, transformRef);
    checkPipelineList(id, p, "exporters", defined, usage, r);
  }
  return usage;
}

function checkPipelineList(
  pipeline: string,
  p: Cfg,
  role: "receivers" | "processors" | "exporters",
  defined: Defined,
  usage: Usage,
  r: Report,
  transformRef?: TransformRefCheck,
): void {
  const at: Path = ["service", "pipelines", pipeline, role];
  const list = p[role];
  if (list === undefined || list === null || (Array.isArray(list) && list.length === 0)) {
    if (role !== "processors")
      r.error(
        list === undefined ? at.slice(0, -1) : at,
        `Pipeline "${pipeline}" needs at least one ${KIND_NOUN[role]}`,
        "key",
      );
    return;
  }
  if (!Array.isArray(list)) return r.error(at, `${role} of pipeline "${pipeline}" must be a list of component ids`);
  const seen = new Set<string>();
  list.forEach((ref, i) => {
    if (typeof ref !== "string")
      return r.error([...at, i], `${role} of pipeline "${pipeline}" must list component ids`);
    if (seen.has(ref)) return r.error([...at, i], `Pipeline "${pipeline}" lists ${KIND_NOUN[role]} "${ref}" twice`);
    seen.add(ref);
    if (role === "processors" && ref.startsWith(TRANSFORM_REF_PREFIX)) {
      const problem = transformRef
        ? transformRef(ref, pipeline)
        : `Transform reference "${ref}" can only be resolved when the config is saved as a template version`;
      if (problem) r.error([...at, i], problem);
    } else if (defined[role].has(ref)) {
      usage[role].add(ref);
      if (role === "processors" && componentType(ref) === "memory_limiter" && i > 0) {
        r.warn(
          [...at, i],
          `memory_limiter should be the first processor of pipeline "${pipeline}", so it can refuse data before other work is done`,
        );
      }
    } else if (role !== "processors" && defined.connectors.has(ref)) {
      (role === "receivers" ? usage.connectorOut : usage.connectorIn).add(ref);
    } else {
      const where = role === "processors" ? "processors" : `${role} or connectors`;
      r.error(
        [...at, i],
        `Pipeline "${pipeline}" uses ${KIND_NOUN[role]} "${ref}", which is not defined under ${where}`,
      );
    }
  });
}

function warnUnused(defined: Defined, usage: Usage, enabled: Set<string>, r: Report): void {
  for (const kind of ["receivers", "processors", "exporters"] as const) {
    for (const id of defined[kind].keys()) {
      if (!usage[kind].has(id))
        r.warn([kind, id], `${cap(KIND_NOUN[kind])} "${id}" is defined but not used in any pipeline`, "key");
    }
  }
  for (const id of defined.extensions.keys()) {
    if (!enabled.has(id))
      r.warn(["extensions", id], `Extension "${id}" is defined but not enabled in service.extensions`, "key");
  }
  for (const id of defined.connectors.keys()) {
    const asExporter = usage.connectorIn.has(id);
    const asReceiver = usage.connectorOut.has(id);
    if (!asExporter && !asReceiver)
      r.warn(["connectors", id], `Connector "${id}" is defined but not used in any pipeline`, "key");
    else if (!asReceiver)
      r.error(
        ["connectors", id],
        `Connector "${id}" is used as an exporter but not as a receiver of any pipeline`,
        "key",
      );
    else if (!asExporter)
      r.error(
        ["connectors", id],
        `Connector "${id}" is used as a receiver but not as an exporter of any pipeline`,
        "key",
      );
  }
}

function cap(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}
