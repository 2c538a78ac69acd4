import { describe, expect, it } from "vitest";
import { validateCollectorConfig } from "./validate";

const CONFIG = `receivers:
  otlp:
    protocols:
      http:
exporters:
  debug: {}
service:
  pipelines:
    logs:
      receivers: [otlp]
      exporters: [debug]
`;

const messages = (yaml: string) => validateCollectorConfig(yaml).errors.map((e) => [e.line, e.message]);

describe("YAML directives the collector's go-yaml refuses", () => {
  it("refuses %YAML 1.2 (and any version but 1.1) at its line, with a clear message", () => {
    const r = validateCollectorConfig(`%YAML 1.2\n---\n${CONFIG}`);
    expect(r.valid).toBe(false);
    expect(r.errors).toEqual([
      {
        message: expect.stringMatching(/^YAML syntax error: %YAML 1\.2 is an incompatible YAML document.*1\.1/),
        line: 1,
        column: 1,
      },
    ]);
    expect(messages(`%YAML 2.0\n---\n${CONFIG}`)).toEqual([[1, expect.stringMatching(/%YAML 2\.0/)]]);
  });

  it("refuses a duplicate %YAML, a duplicate %TAG handle and unknown directives", () => {
    expect(messages(`%YAML 1.1\n%YAML 1.1\n---\n${CONFIG}`)).toEqual([[2, expect.stringMatching(/duplicate %YAML/)]]);
    expect(messages(`%TAG !e! tag:e.com,2000:\n%TAG !e! tag:f.com,2000:\n---\n${CONFIG}`)).toEqual([
      [2, expect.stringMatching(/duplicate %TAG directive for !e!/)],
    ]);
    expect(messages(`%FOO bar\n---\n${CONFIG}`)).toEqual([[1, expect.stringMatching(/unknown directive name %FOO/)]]);
  });

  it("accepts %YAML 1.1, %TAG and a config without directives", () => {
    expect(validateCollectorConfig(`%YAML 1.1\n---\n${CONFIG}`).valid).toBe(true);
    expect(validateCollectorConfig(`%YAML 1.1 # comment\n%TAG !e! tag:e.com,2000:\n---\n${CONFIG}`).valid).toBe(true);
    expect(validateCollectorConfig(CONFIG).valid).toBe(true);
  });
});
