import { dryRunInput } from "../../validation/dry-run";
import { validationInput } from "../../validation/input";
import { group, post } from "../operation";
import { validationResult } from "../responses/common";
import { dryRunResult } from "../responses/gateways";

export const validation = group("Validation", "Check a collector config without saving it.", [
  post("/api/v1/validation", "Validate a collector config", [200, "The validation result", validationResult], {
    body: validationInput,
    description: "200 with the result even when the config is invalid; 400 only for a bad body.",
  }),
  post(
    "/api/v1/validation/dry-run",
    "Render a config for one gateway without sending it",
    [200, "What the gateway would receive, and the diff to what it runs", dryRunResult],
    {
      body: dryRunInput,
      errors: [404],
      description: "Either `template_id` (and optionally `version`) or `config_yaml`.",
    },
  ),
]);
