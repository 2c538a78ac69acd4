import { describe, expect, it } from "vitest";
import { DEPLOYMENT_STATUSES } from "./schemas";
import { COMMANDS, canApply, isFinished, supersededByRollback, type Command } from "./transitions";

/** The whole table, written out: command → the statuses it applies to. */
const EXPECTED: Record<Command, string[]> = {
  pause: ["in_progress"],
  resume: ["paused", "halted"],
  cancel: ["in_progress", "paused", "halted"],
};

describe("deployment transitions", () => {
  it("applies each command exactly from the statuses it names", () => {
    for (const command of Object.keys(COMMANDS) as Command[]) {
      expect(DEPLOYMENT_STATUSES.filter((s) => canApply(command, s))).toEqual(EXPECTED[command]);
    }
  });

  it("moves to the command's status", () => {
    expect(COMMANDS.pause.to).toBe("paused");
    expect(COMMANDS.resume.to).toBe("in_progress");
    expect(COMMANDS.cancel.to).toBe("cancelled");
  });

  it("explains a refusal with the current status", () => {
    expect(COMMANDS.pause.refusal("completed")).toBe(
      "Only an in-progress deployment can be paused (this one is completed)",
    );
    expect(COMMANDS.resume.refusal("in_progress")).toBe(
      "Only a paused or halted deployment can be resumed (this one is in_progress)",
    );
    expect(COMMANDS.cancel.refusal("failed")).toBe(
      "Only a running, paused or halted deployment can be cancelled (this one is failed); roll it back instead",
    );
  });

  it("supersedes the original of a rollback only while it still runs", () => {
    expect(DEPLOYMENT_STATUSES.filter(supersededByRollback)).toEqual(["in_progress", "paused", "halted"]);
  });

  it("stamps finished_at on the statuses that end a rollout, not on halted or paused", () => {
    expect(DEPLOYMENT_STATUSES.filter(isFinished)).toEqual(["completed", "failed", "cancelled", "superseded"]);
    expect(isFinished("halted")).toBe(false);
    expect(isFinished("paused")).toBe(false);
  });
});
