import type { DEPLOYMENT_STATUSES } from "./schemas";

/**
 * Which deployment status may go to which, in one place: the operator's commands (checked under the row lock and
 * used by the rollout page to offer its buttons), what the engine moves on its own, and what ends a rollout.
 */
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

/** Still rolling out or held: gateways may still be released, so these are the ones an operator can stop. */
export const RUNNING = ["in_progress", "paused", "halted"] as const satisfies readonly DeploymentStatus[];

/** Operator commands that change a deployment's own status; a refused one is a 409 saying why. */
export const COMMANDS = {
  pause: {
    from: ["in_progress"],
    to: "paused",
    refusal: (s: DeploymentStatus) => `Only an in-progress deployment can be paused (this one is ${s})`,
  },
  // A halted rollout resumes on the operator's override; if failures are still at the threshold it halts again.
  resume: {
    from: ["paused", "halted"],
    to: "in_progress",
    refusal: (s: DeploymentStatus) => `Only a paused or halted deployment can be resumed (this one is ${s})`,
  },
  cancel: {
    from: RUNNING,
    to: "cancelled",
    refusal: (s: DeploymentStatus) =>
      `Only a running, paused or halted deployment can be cancelled (this one is ${s}); roll it back instead`,
  },
} as const satisfies Record<
  string,
  { from: readonly DeploymentStatus[]; to: DeploymentStatus; refusal: (s: DeploymentStatus) => string }
>;
export type Command = keyof typeof COMMANDS;

/** Whether `command` applies to a deployment in `status` (the rollout page shows only the buttons that do). */
export function canApply(command: Command, status: string): boolean {
  return (COMMANDS[command].from as readonly string[]).includes(status);
}

/** A rollback is a new deployment and is offered in every status; the original, if still running, is superseded. */
export const supersededByRollback = (s: DeploymentStatus) => (RUNNING as readonly string[]).includes(s);

/** What the engine moves by itself, only from `in_progress`: halt at the failure threshold, or finish. */
export const ENGINE_OUTCOMES = ["halted", "completed", "failed"] as const satisfies readonly DeploymentStatus[];

/** Deployments whose gateways may still change: the engine ticks them (late joiners, settling rows, timeouts). */
export const WATCHED = RUNNING;

/** Finished selector deployments still take in late joiners, as a rolling-out one does. */
export const TAKES_LATE_JOINERS = ["in_progress", "completed"] as const satisfies readonly DeploymentStatus[];

/** Deployments a newer one can supersede once it has reached all their gateways. */
export const SUPERSEDABLE = [...RUNNING, "completed", "failed"] as const satisfies readonly DeploymentStatus[];

/** Statuses whose deployment decides no gateway's config: never started, or cancelled. */
export const NOT_EFFECTIVE = ["cancelled", "pending"] as const satisfies readonly DeploymentStatus[];

/** Statuses that end a rollout: entering one stamps `finished_at`. */
export const FINISHED = [
  "completed",
  "failed",
  "cancelled",
  "superseded",
] as const satisfies readonly DeploymentStatus[];

export const isFinished = (s: DeploymentStatus) => (FINISHED as readonly string[]).includes(s);
