import type { Signal } from "@/lib/transforms/types";

const SEVERITY = { DEBUG: 5, INFO: 9, WARN: 13, ERROR: 17 } as const;

/** One OTLP/JSON log record, as an OTLP/HTTP export or the collector's file exporter writes it. */
export function otlpLog(severity: keyof typeof SEVERITY, body: string, attributes: Record<string, string> = {}) {
  return {
    severityNumber: SEVERITY[severity],
    severityText: severity,
    body: { stringValue: body },
    attributes: Object.entries(attributes).map(([key, value]) => ({ key, value: { stringValue: value } })),
  };
}

const sample = {
  resourceLogs: [
    {
      resource: { attributes: [{ key: "service.name", value: { stringValue: "checkout" } }] },
      scopeLogs: [
        {
          scope: { name: "checkout" },
          logRecords: [
            otlpLog("DEBUG", "cache miss for key user:42"),
            otlpLog("INFO", "password reset sent to jane.doe@example.com"),
            otlpLog("WARN", "slow query (812 ms)", { "user.email": "ops@example.org" }),
            otlpLog("DEBUG", "retrying request 3/5"),
            otlpLog("ERROR", "payment failed for bob@example.net: card declined"),
          ],
        },
      ],
    },
  ],
};

/** The ready example the empty state offers: prefilled in the studio, saved only when the user saves it. */
export const EXAMPLE = {
  name: "drop-debug-redact-email",
  signal: "logs" as Signal,
  steps: [
    {
      kind: "drop_records",
      enabled: true,
      match: "any",
      conditions: [{ type: "severity_below", severity: "INFO", dropUnspecified: false }],
    },
    {
      kind: "redact",
      enabled: true,
      builtin: "email",
      replacement: "mask",
      mask: "****",
      targets: ["body", "attributes"],
    },
  ],
  sample: JSON.stringify(sample, null, 2),
};
