/**
 * OpAMP capability bits, named as in the spec (opamp.proto, enums AgentCapabilities and ServerCapabilities).
 * The wire carries them as uint64 (bigint here); the gateways table stores them as an integer.
 */
export const AgentCapability = {
  ReportsStatus: 0x1,
  AcceptsRemoteConfig: 0x2,
  ReportsEffectiveConfig: 0x4,
  AcceptsPackages: 0x8,
  ReportsPackageStatuses: 0x10,
  ReportsOwnTraces: 0x20,
  ReportsOwnMetrics: 0x40,
  ReportsOwnLogs: 0x80,
  AcceptsOpAMPConnectionSettings: 0x100,
  AcceptsOtherConnectionSettings: 0x200,
  AcceptsRestartCommand: 0x400,
  ReportsHealth: 0x800,
  ReportsRemoteConfig: 0x1000,
  ReportsHeartbeat: 0x2000,
  ReportsAvailableComponents: 0x4000,
  ReportsConnectionSettingsStatus: 0x8000,
} as const;

export type AgentCapabilityName = keyof typeof AgentCapability;

export const ServerCapability = {
  AcceptsStatus: 0x1,
  OffersRemoteConfig: 0x2,
  AcceptsEffectiveConfig: 0x4,
  OffersPackages: 0x8,
  AcceptsPackagesStatus: 0x10,
  OffersConnectionSettings: 0x20,
  AcceptsConnectionSettingsRequest: 0x40,
} as const;

export type ServerCapabilityName = keyof typeof ServerCapability;

/** The same agent bits as bigint, for the decoded protobuf messages. */
export const AgentCap = Object.fromEntries(
  Object.entries(AgentCapability).map(([name, bit]) => [name, BigInt(bit)]),
) as { readonly [K in AgentCapabilityName]: bigint };

/**
 * What FlowGate's server offers. Not OffersPackages or AcceptsConnectionSettingsRequest: FlowGate offers neither
 * packages nor CSR signing.
 */
export const SERVER_CAPABILITIES = BigInt(
  ServerCapability.AcceptsStatus |
    ServerCapability.OffersRemoteConfig |
    ServerCapability.AcceptsEffectiveConfig |
    ServerCapability.OffersConnectionSettings,
);

/**
 * The agent bits the spec defines. A message's capabilities are masked to them before they are kept: the wire's
 * uint64 does not fit the stored integer (2^64-1 would overflow it), and undefined bits mean nothing to FlowGate.
 */
export const KNOWN_AGENT_CAPABILITIES = Object.values(AgentCap).reduce((all, bit) => all | bit, 0n);

/** For the bigint bits of a decoded message. */
export function hasCap(caps: bigint, bit: bigint): boolean {
  return (caps & bit) !== 0n;
}

/** For the integer bits stored on a gateway row (null before the first message). */
export function hasCapability(bits: number | null | undefined, bit: number): boolean {
  return !!bits && (bits & bit) !== 0;
}

/** Names of the set agent bits, in bit order. Unknown (future) bits are ignored. */
export function decodeAgentCapabilities(bits: number | null | undefined): AgentCapabilityName[] {
  if (!bits || bits < 0) return [];
  // Bitwise operators work on 32 bits; every known capability fits in 16.
  return namesOf(AgentCapability, bits);
}

/** Names of the set server bits, in bit order. */
export function decodeServerCapabilities(bits: bigint): ServerCapabilityName[] {
  return namesOf(ServerCapability, Number(bits));
}

function namesOf<K extends string>(table: Record<K, number>, bits: number): K[] {
  return (Object.entries(table) as [K, number][]).filter(([, bit]) => (bits & bit) !== 0).map(([name]) => name);
}
