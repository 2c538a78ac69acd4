import { pushConfigInput } from "../../gateways/supervisor-actions";
import { listSupervisorAgentsQuery } from "../../gateways/supervisor-agents";
import { listGatewayLogsQuery } from "../../telemetry/queries";
import { get, group, post } from "../operation";
import * as r from "../responses/supervisor";

const A = "/api/v1/supervisor/agents/{instanceId}";

export const supervisor = group(
  "Supervisor agents",
  "Agents managed over OpAMP (supervisor mode), addressed by instance_id.",
  [
    get(
      "/api/v1/supervisor/agents",
      "List agents",
      [200, "A page of agents with their OpAMP state", r.supervisorAgentList],
      { query: listSupervisorAgentsQuery },
    ),
    get(A, "Get an agent", [200, "The agent", r.supervisorAgent]),
    post(`${A}/restart`, "Ask an agent to restart", [202, "Restart requested", r.supervisorRestart], {
      errors: [409],
      description: "409 unless the agent reported the AcceptsRestartCommand capability.",
    }),
    post(`${A}/config`, "Push a config to an agent now", [202, "Offered to the agent", r.configPushed], {
      body: pushConfigInput,
      errors: [409],
      description:
        "Its desired config, or (with `template_id`) a template version deployed to it. 409 when the agent does not accept remote config or there is nothing to push.",
    }),
    get(`${A}/logs`, "List an agent's own log lines", [200, "Log lines, as for a gateway", r.supervisorLogs], {
      query: listGatewayLogsQuery,
    }),
  ],
);
