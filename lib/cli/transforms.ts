import fs from "node:fs";
import { parseArgs } from "node:util";
import { cliOptions } from "./options";
import type { CommandRequest } from "./commands";

export const TRANSFORMS_USAGE = `Usage: flowgate transforms <verb> [NAME] [--org ORG] [--json]

  list [--signal S] [--page N]                          transforms with signal, latest version, where used
  get NAME                                              a transform and its latest steps
  create NAME --signal S --steps FILE [--description D] [--message M]
  save NAME --steps FILE --base-version N [--message M] a new version
  diff NAME --from N --to M                             unified diff of the steps
  compile NAME [--version N]                            collector YAML and its validation
  preview NAME --samples FILE [--version N]             run a version on sample lines, JSON or OTLP/JSON
  delete NAME

The steps FILE holds JSON (a list, or {"steps": [...]}); "-" reads stdin. --org defaults to "default".`;

/** Parses `transforms …` argv into a request; step files are read here, so the server never opens paths. */
export function transformsRequest(argv: string[]): { request: CommandRequest; json: boolean } | null {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: cliOptions("org signal steps description message base-version from to version page samples"),
  });
  const [verb, name] = positionals;
  if (values.help || !verb) return null;
  const args: CommandRequest["args"] = {
    org: values.org ?? "default",
    name,
    signal: values.signal,
    description: values.description,
    message: values.message,
    base_version: values["base-version"],
    from: values.from,
    to: values.to,
    version: values.version,
    page: values.page,
    steps: values.steps === undefined ? undefined : fs.readFileSync(values.steps === "-" ? 0 : values.steps, "utf8"),
    samples:
      values.samples === undefined ? undefined : fs.readFileSync(values.samples === "-" ? 0 : values.samples, "utf8"),
  };
  return { request: { command: `transforms.${verb}`, args }, json: values.json === true };
}

type Printer = (result: unknown) => string;
type Listed = {
  items: { name: string; signal: string; latest_version: number; used_by?: { template_name: string }[] }[];
  total: number;
};

/** What people read without --json. */
export const transformsHuman: Record<string, Printer> = {
  "transforms.list": (r) =>
    (r as Listed).items
      .map(
        (t) =>
          `${t.name}  ${t.signal}  v${t.latest_version}${t.used_by?.length ? `  used by ${t.used_by.map((u) => u.template_name).join(", ")}` : ""}`,
      )
      .join("\n") || "No transforms.",
  "transforms.create": (r) => `Created transform ${(r as { name: string }).name} v1.`,
  "transforms.save": (r) => `Saved version ${(r as { version: number }).version}.`,
  "transforms.diff": (r) => (r as { diff: string }).diff || "No differences.",
  "transforms.compile": (r) => {
    const c = r as { yaml: string; validation: { valid: boolean; errors: { message: string; line?: number }[] } };
    const errors = c.validation.errors.map((e) => `# error${e.line ? ` (line ${e.line})` : ""}: ${e.message}`);
    return [c.yaml.trimEnd(), ...(c.validation.valid ? [] : errors)].join("\n");
  },
  "transforms.preview": (r) => {
    const t = (
      r as {
        totals: { recordsIn: number; recordsOut: number; bytesIn: number; bytesOut: number; percentSaved: number };
      }
    ).totals;
    return `Records ${t.recordsIn} → ${t.recordsOut}, bytes ${t.bytesIn} → ${t.bytesOut} (${t.percentSaved.toFixed(1)}% saved).`;
  },
  "transforms.delete": () => "Deleted.",
};
