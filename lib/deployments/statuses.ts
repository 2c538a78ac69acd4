/** The status words of a deployment and of one gateway's rollout: the database enums and the API share them. */
export const DEPLOYMENT_STATUSES = [
  "pending",
  "in_progress",
  "paused",
  "halted",
  "completed",
  "failed",
  "cancelled",
  "superseded",
] as const;
export const ROLLOUT_STATUSES = ["pending", "sent", "applying", "applied", "failed", "timeout"] as const;
