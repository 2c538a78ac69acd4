/**
 * OpAMP messages as lib/opamp uses them: protobufjs objects (camelCase field names), with uint64 fields as
 * bigint and bytes as Buffer. An absent sub-message is `undefined`; a present empty one is `{}` (spec: presence matters).
 */
export type AnyValue = {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string;
  doubleValue?: number;
  arrayValue?: { values?: AnyValue[] };
  kvlistValue?: { values?: KeyValue[] };
  bytesValue?: Buffer;
};
export type KeyValue = { key: string; value?: AnyValue };
export type ConfigFileMap = Record<string, { body?: Buffer; contentType?: string }>;
export type ComponentHealth = {
  healthy?: boolean;
  startTimeUnixNano?: string;
  lastError?: string;
  status?: string;
  statusTimeUnixNano?: string;
  componentHealthMap?: Record<string, ComponentHealth>;
  attributes?: KeyValue[];
};
export type ComponentDetails = { metadata?: KeyValue[]; subComponentMap?: Record<string, ComponentDetails> };
export type StatusReport = { hash?: Buffer; status?: number; errorMessage?: string };

export type AgentToServer = {
  instanceUid: Buffer;
  sequenceNum: bigint;
  capabilities: bigint;
  flags: bigint;
  agentDescription?: { identifyingAttributes?: KeyValue[]; nonIdentifyingAttributes?: KeyValue[] };
  health?: ComponentHealth;
  effectiveConfig?: { configMap?: { configMap?: ConfigFileMap } };
  remoteConfigStatus?: { lastRemoteConfigHash?: Buffer; status?: number; errorMessage?: string };
  packageStatuses?: {
    packages?: Record<string, Record<string, unknown>>;
    serverProvidedAllPackagesHash?: Buffer;
    errorMessage?: string;
  };
  agentDisconnect?: Record<string, never>;
  connectionSettingsRequest?: { opamp?: { certificateRequest?: { csr?: Buffer } } };
  customCapabilities?: { capabilities?: string[] };
  customMessage?: Record<string, unknown>;
  availableComponents?: { components?: Record<string, ComponentDetails>; hash?: Buffer };
  connectionSettingsStatus?: { lastConnectionSettingsHash?: Buffer; status?: number; errorMessage?: string };
};

export type Headers = { headers: { key: string; value: string }[] };
/** PEM bytes [§TLSCertificate]; no private_key when the agent made the key (CSR flow). */
export type TlsCertificate = { cert: Buffer; privateKey?: Buffer; caCert: Buffer };
export type OpampConnectionSettings = {
  destinationEndpoint: string;
  headers?: Headers;
  certificate?: TlsCertificate;
  heartbeatIntervalSeconds?: bigint;
};
export type TelemetryConnectionSettings = { destinationEndpoint: string; headers?: Headers };
export type ConnectionSettingsOffers = {
  hash: Buffer;
  opamp?: OpampConnectionSettings;
  ownMetrics?: TelemetryConnectionSettings;
  ownLogs?: TelemetryConnectionSettings;
};

export type ServerToAgent = {
  instanceUid: Buffer;
  errorResponse?: { type: number; errorMessage: string; retryInfo?: { retryAfterNanoseconds: bigint } };
  remoteConfig?: { config: { configMap: Record<string, { body: Buffer; contentType: string }> }; configHash: Buffer };
  connectionSettings?: ConnectionSettingsOffers;
  flags?: bigint;
  capabilities?: bigint;
  agentIdentification?: { newInstanceUid: Buffer };
  command?: { type: number };
};

export const AgentFlag = { RequestInstanceUid: 0x1n } as const;
export const ServerFlag = { ReportFullState: 0x1n, ReportAvailableComponents: 0x2n } as const;
export const ErrorType = { Unknown: 0, BadRequest: 1, Unavailable: 2 } as const;
export const CommandType = { Restart: 0 } as const;
export const RemoteConfigStatusName = ["UNSET", "APPLIED", "APPLYING", "FAILED"] as const;
