/** Steps and template configs shared by the transforms tests. */
export const LOG_STEPS = [
  { kind: "drop_records", conditions: [{ type: "severity_below", severity: "INFO" }] },
  { kind: "set_attribute", key: "env", value: "prod" },
];
export const LOG_STEPS_V2 = [...LOG_STEPS, { kind: "delete_attributes", keys: ["password"] }];
export const METRIC_STEPS = [{ kind: "drop_metrics", match: "glob", names: ["go_*"] }];

/** A logs + metrics config; `logsProcessors` is the logs pipeline's processors list. */
export function templateWith(logsProcessors: string, metricsProcessors = "[batch]"): string {
  return `receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 0.0.0.0:4317
processors:
  batch:
exporters:
  otlp:
    endpoint: backend:4317
service:
  pipelines:
    logs:
      receivers: [otlp]
      processors: ${logsProcessors}
      exporters: [otlp]
    metrics:
      receivers: [otlp]
      processors: ${metricsProcessors}
      exporters: [otlp]
`;
}
