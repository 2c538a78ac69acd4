import {
  createDeploymentInput,
  deploymentGatewaysQuery,
  listDeploymentsQuery,
  previewInput,
  rollbackInput,
} from "../../deployments/schemas";
import type { Operation, OperationGroup } from "../registry";
import * as r from "../responses/templates";

const D = "/api/v1/deployments/{deploymentId}";
const transition = (verb: string, summary: string): Operation => ({
  method: "post",
  path: `${D}/${verb}`,
  summary,
  auth: "member",
  errors: [409],
  description: "409 (with the current `status`) when the deployment's state does not allow it.",
  responses: { 200: { description: "The deployment's new status", schema: r.deploymentTransition } },
});

export const deployments: OperationGroup = {
  tag: "Deployments",
  description: "Rollouts of a template version to gateways chosen by id or tag selector, all at once or in batches.",
  operations: [
    {
      method: "get",
      path: "/api/v1/deployments",
      summary: "List deployments",
      auth: "member",
      query: listDeploymentsQuery,
      responses: {
        200: { description: "A page of deployments, newest first, with progress", schema: r.deploymentList },
      },
    },
    {
      method: "post",
      path: "/api/v1/deployments",
      summary: "Create a deployment",
      auth: "member",
      body: createDeploymentInput,
      errors: [404],
      description: "400 when the target matches no gateway; 404 for an unknown template, version or gateway id.",
      responses: { 201: { description: "Created", schema: r.deployment } },
    },
    {
      method: "post",
      path: "/api/v1/deployments/preview",
      summary: "Preview a target",
      auth: "member",
      body: previewInput,
      responses: {
        200: { description: "How many gateways the target matches now, and the first 50", schema: r.deploymentPreview },
      },
    },
    {
      method: "get",
      path: D,
      summary: "Get a deployment with one page of its gateways",
      auth: "member",
      query: deploymentGatewaysQuery,
      responses: { 200: { description: "The deployment", schema: r.deploymentDetail } },
    },
    transition("pause", "Pause a deployment"),
    transition("resume", "Resume a deployment"),
    transition("cancel", "Cancel a deployment"),
    {
      method: "post",
      path: `${D}/rollback`,
      summary: "Roll back to the previous template version",
      auth: "member",
      body: rollbackInput,
      description:
        "Creates a new deployment of the previous version to the same target; 400 when there is no previous version.",
      responses: { 201: { description: "The rollback deployment", schema: r.deployment } },
    },
  ],
};
