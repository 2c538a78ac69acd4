import { describe, expect, it } from "vitest";
import { validateCollectorConfig } from "../validation/validate";
import { SAMPLE_COLLECTOR_CONFIG } from "./sample-config";

describe("SAMPLE_COLLECTOR_CONFIG", () => {
  it("is a valid gateway config, so a new template starts without errors", () => {
    expect(validateCollectorConfig(SAMPLE_COLLECTOR_CONFIG)).toMatchObject({ valid: true, errors: [] });
  });
});
