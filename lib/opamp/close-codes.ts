/** WebSocket close codes FlowGate uses (RFC 6455 §7.4.1 and the 4000–4999 private range). */
export const CloseCode = {
  Normal: 1000,
  GoingAway: 1001,
  UnsupportedData: 1003,
  PolicyViolation: 1008,
  MessageTooBig: 1009,
  InternalError: 1011,
  TryAgainLater: 1013,
  /** The gateway's token was rotated or revoked, or the gateway was deleted. */
  CredentialsRevoked: 4001,
  /** Another connection took over this agent's instance_uid. */
  Replaced: 4002,
  /** Another collector with a different instance_uid holds this gateway's token: back off (see shared-token.ts). */
  SharedToken: 4003,
} as const;
