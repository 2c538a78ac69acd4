import { pushConfigInput } from "../../gateways/supervisor-actions";
import { listSupervisorAgentsQuery } from "../../gateways/supervisor-agents";
import { listGatewayLogsQuery } from "../../telemetry/queries";
import type { OperationGroup } from "../registry";
import * as r from "../responses/supervisor";

const A = "/api/v1/supervisor/agents/{instanceId}";

export const supervisor: OperationGroup = {
  tag: "Supervisor agents",
  description: "Agents managed over OpAMP (supervisor mode), addressed by instance_id.",
  operations: [
    {
      method: "get",
      path: "/api/v1/supervisor/agents",
      summary: "List agents",
      auth: "member",
      query: listSupervisorAgentsQuery,
      responses: { 200: { description: "A page of agents with their OpAMP state", schema: r.supervisorAgentList } },
    },
    {
      method: "get",
      path: A,
      summary: "Get an agent",
      auth: "member",
      responses: { 200: { description: "The agent", schema: r.supervisorAgent } },
    },
    {
      method: "post",
      path: `${A}/restart`,
      summary: "Ask an agent to restart",
      auth: "member",
      errors: [409],
      description: "409 unless the agent reported the AcceptsRestartCommand capability.",
      responses: { 202: { description: "Restart requested", schema: r.supervisorRestart } },
    },
    {
      method: "post",
      path: `${A}/config`,
      summary: "Push a config to an agent now",
      auth: "member",
      body: pushConfigInput,
      errors: [409],
      description:
        "Its desired config, or (with `template_id`) a template version deployed to it. 409 when the agent does not accept remote config or there is nothing to push.",
      responses: { 202: { description: "Offered to the agent", schema: r.configPushed } },
    },
    {
      method: "get",
      path: `${A}/logs`,
      summary: "List an agent's own log lines",
      auth: "member",
      query: listGatewayLogsQuery,
      responses: { 200: { description: "Log lines, as for a gateway", schema: r.supervisorLogs } },
    },
  ],
};
