import {
  createDeploymentInput,
  deploymentGatewaysQuery,
  listDeploymentsQuery,
  previewInput,
  rollbackInput,
} from "../../deployments/schemas";
import { get, group, post } from "../operation";
import * as r from "../responses/templates";

const D = "/api/v1/deployments/{deploymentId}";
const transition = (verb: string, summary: string) =>
  post(`${D}/${verb}`, summary, [200, "The deployment's new status", r.deploymentTransition], {
    errors: [409],
    description: "409 (with the current `status`) when the deployment's state does not allow it.",
  });

export const deployments = group(
  "Deployments",
  "Rollouts of a template version to gateways chosen by id or tag selector, all at once or in batches.",
  [
    get(
      "/api/v1/deployments",
      "List deployments",
      [200, "A page of deployments, newest first, with progress", r.deploymentList],
      { query: listDeploymentsQuery },
    ),
    post("/api/v1/deployments", "Create a deployment", [201, "Created", r.deployment], {
      body: createDeploymentInput,
      errors: [404],
      description: "400 when the target matches no gateway; 404 for an unknown template, version or gateway id.",
    }),
    post(
      "/api/v1/deployments/preview",
      "Preview a target",
      [200, "How many gateways the target matches now, and the first 50", r.deploymentPreview],
      { body: previewInput },
    ),
    get(D, "Get a deployment with one page of its gateways", [200, "The deployment", r.deploymentDetail], {
      query: deploymentGatewaysQuery,
    }),
    transition("pause", "Pause a deployment"),
    transition("resume", "Resume a deployment"),
    transition("cancel", "Cancel a deployment"),
    post(
      `${D}/rollback`,
      "Roll back to the previous template version",
      [201, "The rollback deployment", r.deployment],
      {
        body: rollbackInput,
        description:
          "Creates a new deployment of the previous version to the same target; 400 when there is no previous version.",
      },
    ),
  ],
);
