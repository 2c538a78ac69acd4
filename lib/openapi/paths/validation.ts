import { dryRunInput } from "../../validation/dry-run";
import { validationInput } from "../../validation/input";
import type { OperationGroup } from "../registry";
import { validationResult } from "../responses/common";
import { dryRunResult } from "../responses/gateways";

export const validation: OperationGroup = {
  tag: "Validation",
  description: "Check a collector config without saving it.",
  operations: [
    {
      method: "post",
      path: "/api/v1/validation",
      summary: "Validate a collector config",
      auth: "member",
      body: validationInput,
      description: "200 with the result even when the config is invalid; 400 only for a bad body.",
      responses: { 200: { description: "The validation result", schema: validationResult } },
    },
    {
      method: "post",
      path: "/api/v1/validation/dry-run",
      summary: "Render a config for one gateway without sending it",
      auth: "member",
      body: dryRunInput,
      errors: [404],
      description: "Either `template_id` (and optionally `version`) or `config_yaml`.",
      responses: {
        200: { description: "What the gateway would receive, and the diff to what it runs", schema: dryRunResult },
      },
    },
  ],
};
