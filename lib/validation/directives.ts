import type { ValidationIssue } from "./types";

/**
 * The YAML directives the pinned collector (v0.136.0: koanf over go-yaml v3) refuses, which the `yaml` package
 * accepts: `%YAML` other than 1.1 ("found incompatible YAML document"), a second `%YAML`, a second `%TAG` for one
 * handle, and any other directive name. go-yaml reads a `%` in column 0 as a directive wherever it appears.
 */
export function collectorDirectiveErrors(yaml: string): ValidationIssue[] {
  const errors: ValidationIssue[] = [];
  let version = false;
  const handles = new Set<string>();
  yaml.split(/\r?\n|\r/).forEach((text, i) => {
    if (!text.startsWith("%")) return;
    const [name, ...args] = text
      .slice(1)
      .split("#")[0]
      .trim()
      .split(/[ \t]+/);
    const error = (why: string) =>
      errors.push({ message: `YAML syntax error: ${why} (the collector's parser refuses it)`, line: i + 1, column: 1 });
    if (name === "YAML") {
      if (version) error("found duplicate %YAML directive");
      else if (args[0] !== "1.1")
        error(`%YAML ${args[0] ?? ""} is an incompatible YAML document: only %YAML 1.1 is read`);
      version = true;
    } else if (name === "TAG") {
      if (handles.has(args[0])) error(`found duplicate %TAG directive for ${args[0]}`);
      handles.add(args[0]);
    } else {
      error(`found unknown directive name %${name}`);
    }
  });
  return errors;
}
