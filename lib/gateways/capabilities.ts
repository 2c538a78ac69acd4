/** AgentCapabilities bits, named as in the OpAMP spec (opamp.proto, enum AgentCapabilities). */
export const AGENT_CAPABILITIES = [
  ["ReportsStatus", 0x1],
  ["AcceptsRemoteConfig", 0x2],
  ["ReportsEffectiveConfig", 0x4],
  ["AcceptsPackages", 0x8],
  ["ReportsPackageStatuses", 0x10],
  ["ReportsOwnTraces", 0x20],
  ["ReportsOwnMetrics", 0x40],
  ["ReportsOwnLogs", 0x80],
  ["AcceptsOpAMPConnectionSettings", 0x100],
  ["AcceptsOtherConnectionSettings", 0x200],
  ["AcceptsRestartCommand", 0x400],
  ["ReportsHealth", 0x800],
  ["ReportsRemoteConfig", 0x1000],
  ["ReportsHeartbeat", 0x2000],
  ["ReportsAvailableComponents", 0x4000],
  ["ReportsConnectionSettingsStatus", 0x8000],
] as const;

export type AgentCapabilityName = (typeof AGENT_CAPABILITIES)[number][0];

export const ACCEPTS_RESTART_COMMAND = 0x400;

/** Names of the set bits, in bit order. Unknown (future) bits are ignored. */
export function decodeAgentCapabilities(bits: number | null | undefined): AgentCapabilityName[] {
  if (!bits || bits < 0) return [];
  // Bitwise operators work on 32 bits; every known capability fits in 16.
  return AGENT_CAPABILITIES.filter(([, bit]) => (bits & bit) !== 0).map(([name]) => name);
}

export function hasCapability(bits: number | null | undefined, bit: number): boolean {
  return !!bits && (bits & bit) !== 0;
}
