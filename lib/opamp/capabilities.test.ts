import { describe, expect, it } from "vitest";
import {
  AgentCapability,
  decodeAgentCapabilities,
  decodeServerCapabilities,
  hasCapability,
  SERVER_CAPABILITIES,
} from "./capabilities";

const ACCEPTS_RESTART_COMMAND = AgentCapability.AcceptsRestartCommand;

describe("decodeAgentCapabilities", () => {
  it("names each set bit in bit order", () => {
    expect(decodeAgentCapabilities(0x2001)).toEqual(["ReportsStatus", "ReportsHeartbeat"]);
    expect(decodeAgentCapabilities(0x1 | 0x2 | 0x4 | 0x400)).toEqual([
      "ReportsStatus",
      "AcceptsRemoteConfig",
      "ReportsEffectiveConfig",
      "AcceptsRestartCommand",
    ]);
  });

  it("knows all 16 spec capabilities, from ReportsStatus (0x1) to ReportsConnectionSettingsStatus (0x8000)", () => {
    const all = decodeAgentCapabilities(0xffff);
    expect(all).toHaveLength(16);
    expect(all[0]).toBe("ReportsStatus");
    expect(all[15]).toBe("ReportsConnectionSettingsStatus");
    expect(Object.values(AgentCapability)).toEqual(Array.from({ length: 16 }, (_, i) => 2 ** i));
  });

  it("returns nothing for 0, null and negative input, and ignores unknown bits", () => {
    expect(decodeAgentCapabilities(0)).toEqual([]);
    expect(decodeAgentCapabilities(null)).toEqual([]);
    expect(decodeAgentCapabilities(-1)).toEqual([]);
    expect(decodeAgentCapabilities(0x10000 | 0x1)).toEqual(["ReportsStatus"]);
  });

  it("checks single capabilities", () => {
    expect(hasCapability(0x2001 | ACCEPTS_RESTART_COMMAND, ACCEPTS_RESTART_COMMAND)).toBe(true);
    expect(hasCapability(0x2001, ACCEPTS_RESTART_COMMAND)).toBe(false);
    expect(hasCapability(null, ACCEPTS_RESTART_COMMAND)).toBe(false);
  });

  it("names the server capabilities FlowGate offers", () => {
    expect(decodeServerCapabilities(SERVER_CAPABILITIES)).toEqual([
      "AcceptsStatus",
      "OffersRemoteConfig",
      "AcceptsEffectiveConfig",
      "OffersConnectionSettings",
    ]);
  });
});
