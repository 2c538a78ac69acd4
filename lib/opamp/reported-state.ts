import type { GatewayChanges } from "./state-writer";
import type { AgentSession } from "./session";
import { AgentCap, hasCap, KNOWN_AGENT_CAPABILITIES } from "./capabilities";
import { toStorableText } from "../text";
import type { AgentToServer, ComponentHealth, ConfigFileMap } from "./types";
import { summarizeHealth } from "../gateways/reported-health";
import { env } from "../env";
import { hashConfigMap } from "../config-distribution/config-map";
import type { GatewayEvent } from "../gateways/history";
import {
  availableComponentsToJson,
  configFiles,
  connectionSettingsStatusToJson,
  descriptionFacts,
  descriptionToJson,
  effectiveConfigText,
  healthToJson,
  packageStatusesToJson,
  remoteConfigStatusToJson,
} from "./state-json";

export type RolloutReport = { hashHex: string; status: "applying" | "applied" | "failed"; errorMessage: string | null };

export type ReportedState = {
  changes: GatewayChanges;
  /** The message carries everything the agent's capabilities say it reports (so no ReportFullState is needed). */
  carriesFullState: boolean;
  /** The agent sent only the hash of its available components and the server does not know that hash. */
  componentsUnknown: boolean;
  rollout: RolloutReport | null;
  /** What this message changed that belongs in the gateway's history (health, restarts, config outcomes). */
  history: Omit<GatewayEvent, "gatewayId">[];
};

/**
 * Whether the message carries a sub-message that reports state (the rest of an AgentToServer asks for something or
 * says goodbye). Spelled out: a loop over the field names was 2% of a status round's samples.
 */
function reportsState(msg: AgentToServer): boolean {
  return (
    msg.agentDescription !== undefined ||
    msg.health !== undefined ||
    msg.effectiveConfig !== undefined ||
    msg.remoteConfigStatus !== undefined ||
    msg.packageStatuses !== undefined ||
    msg.availableComponents !== undefined ||
    msg.connectionSettingsStatus !== undefined
  );
}

const ROLLOUT_STATUS = { APPLIED: "applied", APPLYING: "applying", FAILED: "failed" } as const;

/**
 * Turns the sub-messages present in an AgentToServer into column changes. An absent sub-message means
 * "unchanged" [§Agent Status Compression], so it changes nothing. Updates the session's view of the agent.
 */
export function readReportedState(s: AgentSession, msg: AgentToServer): ReportedState {
  const changes: GatewayChanges = {};
  let componentsUnknown = false;
  // capabilities is "always set"; 0 (no ReportsStatus bit) can only mean a client that left it out.
  const capabilities = msg.capabilities & KNOWN_AGENT_CAPABILITIES;
  if (msg.capabilities !== 0n && capabilities !== s.capabilities) {
    s.capabilities = capabilities;
    changes.capabilities = Number(capabilities);
  }
  // A heartbeat: no sub-message to read, and without agent_description it cannot carry the full state.
  if (!reportsState(msg))
    return { changes, carriesFullState: false, componentsUnknown: false, rollout: null, history: [] };
  if (msg.agentDescription) {
    const description = descriptionToJson(msg.agentDescription);
    const facts = descriptionFacts(description);
    changes.agentDescription = description;
    changes.agentVersion = facts.agentVersion;
    changes.os = facts.os;
    if (facts.hostname) changes.hostname = facts.hostname;
  }
  const history: ReportedState["history"] = [];
  if (msg.health) readHealth(s, msg.health, changes, history);
  const rollout = readConfigReports(s, msg, changes);
  if (rollout && rollout.status !== "applying") {
    const key = `${rollout.status}:${rollout.hashHex}`;
    if (key !== s.lastOutcome) {
      s.lastOutcome = key;
      history.push({
        kind: rollout.status === "applied" ? "config_applied" : "config_failed",
        details: { hash: rollout.hashHex, ...(rollout.errorMessage ? { error: rollout.errorMessage } : {}) },
      });
    }
  }
  if (msg.packageStatuses) changes.packageStatuses = packageStatusesToJson(msg.packageStatuses);
  if (msg.availableComponents) {
    const components = availableComponentsToJson(msg.availableComponents);
    if (Object.keys(components.components).length > 0) {
      changes.availableComponents = components;
      s.componentsHash = components.hash;
    } else {
      componentsUnknown =
        components.hash !== s.componentsHash && hasCap(s.capabilities, AgentCap.ReportsAvailableComponents);
    }
  }
  if (msg.connectionSettingsStatus) {
    const status = connectionSettingsStatusToJson(msg.connectionSettingsStatus);
    changes.connectionSettingsStatus = status;
    s.reportedSettingsHash = status.last_connection_settings_hash || null;
  }
  // The agent's strings are only displayed: NUL and unpaired surrogates (which PostgreSQL refuses) become U+FFFD
  // rather than failing a message the agent would resend forever.
  return {
    changes: toStorableText(changes),
    carriesFullState: carriesFullState(msg, s.capabilities),
    componentsUnknown,
    rollout: rollout && { ...rollout, errorMessage: rollout.errorMessage && toStorableText(rollout.errorMessage) },
    history: toStorableText(history),
  };
}

/**
 * Stores the report and derives reported_healthy / health_reason from it here, in the same write, so health costs
 * no query of its own. A change of health, or of the agent's start time (a restart), goes into the history.
 */
function readHealth(s: AgentSession, h: ComponentHealth, changes: GatewayChanges, history: ReportedState["history"]) {
  changes.componentHealth = cappedHealth(h);
  const { healthy, reason } = summarizeHealth(h);
  changes.reportedHealthy = healthy;
  changes.healthReason = reason;
  if (healthy !== s.reportedHealthy && (s.reportedHealthy !== null || !healthy))
    history.push(healthy ? { kind: "health_recovered" } : { kind: "health_unhealthy", details: { reason } });
  s.reportedHealthy = healthy;
  const started = h.startTimeUnixNano && h.startTimeUnixNano !== "0" ? h.startTimeUnixNano : null;
  if (started && s.healthStartTime && started !== s.healthStartTime) history.push({ kind: "restarted" });
  if (started) s.healthStartTime = started;
}

/** Components at every depth below `h`. */
const countComponents = (h: ComponentHealth): number =>
  Object.values(h.componentHealthMap ?? {}).reduce((n, c) => n + 1 + countComponents(c), 0);

/**
 * The health tree as stored; over FLOWGATE_OPAMP_MAX_COMPONENT_HEALTH_BYTES only its top level is kept, with the
 * number of components left out (the health summary is still derived from the whole report).
 */
function cappedHealth(h: ComponentHealth) {
  const json = healthToJson(h);
  // One variable, not opampLimits(): each process.env read costs, and this runs per health report.
  if (Buffer.byteLength(JSON.stringify(json)) <= env("FLOWGATE_OPAMP_MAX_COMPONENT_HEALTH_BYTES")) return json;
  return { ...json, component_health_map: {}, omitted_components: countComponents(h) };
}

/**
 * The effective config as stored. Over FLOWGATE_OPAMP_MAX_EFFECTIVE_CONFIG_BYTES the text is a YAML comment saying
 * so: the hash is still that of the whole config, so rollouts and drift stay right, but megabytes of YAML per
 * report are neither joined, stored nor served.
 */
function storedEffectiveConfig(map: ConfigFileMap | undefined) {
  const files = configFiles(map);
  const bytes = Object.values(map ?? {}).reduce((n, f) => n + (f.body?.length ?? 0), 0);
  const cap = env("FLOWGATE_OPAMP_MAX_EFFECTIVE_CONFIG_BYTES");
  if (bytes <= cap) return effectiveConfigText(files);
  return {
    text: `# Not stored by FlowGate: this effective config is ${bytes} bytes, over the ${cap}-byte limit (FLOWGATE_OPAMP_MAX_EFFECTIVE_CONFIG_BYTES).\n`,
    hash: hashConfigMap(files),
  };
}

/** EffectiveConfig and RemoteConfigStatus, and what they say about the rollout of a config to this agent. */
function readConfigReports(s: AgentSession, msg: AgentToServer, changes: GatewayChanges): RolloutReport | null {
  let rollout: RolloutReport | null = null;
  if (msg.effectiveConfig) {
    const { text, hash } = storedEffectiveConfig(msg.effectiveConfig.configMap?.configMap);
    changes.effectiveConfig = text;
    changes.effectiveConfigHash = hash;
    s.effectiveConfigHash = hash;
    // An agent that cannot report RemoteConfigStatus proves it applied a config by running exactly it.
    if (!hasCap(s.capabilities, AgentCap.ReportsRemoteConfig))
      rollout = { hashHex: hash, status: "applied", errorMessage: null };
  }
  if (msg.remoteConfigStatus) {
    const status = remoteConfigStatusToJson(msg.remoteConfigStatus);
    changes.remoteConfigStatus = status;
    s.reportedConfigHash = status.last_remote_config_hash || null;
    const mapped = ROLLOUT_STATUS[status.status as keyof typeof ROLLOUT_STATUS];
    if (mapped && status.last_remote_config_hash) {
      rollout = { hashHex: status.last_remote_config_hash, status: mapped, errorMessage: status.error_message || null };
    }
  }
  return rollout;
}

function carriesFullState(msg: AgentToServer, caps: bigint): boolean {
  const needs = (bit: bigint, present: unknown) => !hasCap(caps, bit) || present !== undefined;
  return (
    msg.agentDescription !== undefined &&
    needs(AgentCap.ReportsEffectiveConfig, msg.effectiveConfig) &&
    needs(AgentCap.ReportsRemoteConfig, msg.remoteConfigStatus) &&
    needs(AgentCap.ReportsPackageStatuses, msg.packageStatuses)
  );
}
