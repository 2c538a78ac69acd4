import type { Signal } from "@/lib/transforms/types";

/** The ready example the empty state offers: prefilled in the studio, saved only when the user saves it. */
export const EXAMPLE = {
  name: "drop-debug-redact-email",
  signal: "logs" as Signal,
  steps: [
    { kind: "drop_records", enabled: true, match: "any", conditions: [{ type: "severity_below", severity: "INFO", dropUnspecified: false }] },
    { kind: "redact", enabled: true, builtin: "email", replacement: "mask", mask: "****", targets: ["body", "attributes"] },
  ],
  sample: [
    `{"severity_text":"DEBUG","body":"cache miss for key user:42"}`,
    `{"severity_text":"INFO","body":"password reset sent to jane.doe@example.com"}`,
    `{"severity_text":"WARN","body":"slow query (812 ms)","attributes":{"user.email":"ops@example.org"}}`,
    `{"severity_text":"DEBUG","body":"retrying request 3/5"}`,
    `{"severity_text":"ERROR","body":"payment failed for bob@example.net: card declined"}`,
  ].join("\n"),
};
