import { z } from "zod";
import {
  addAgentTagsInput,
  heartbeatInput,
  listAgentTagsQuery,
  listGatewaysQuery,
  registerGatewayInput,
  removeAgentTagsInput,
  setGatewayTagsInput,
} from "../../gateways/schemas";
import { listGatewayLogsQuery } from "../../telemetry/queries";
import { gatewayHistoryQuery } from "../../gateways/history";
import type { OperationGroup } from "../registry";
import * as r from "../responses/gateways";

const G = "/api/v1/gateways/{gatewayId}";

export const gateways: OperationGroup = {
  tag: "Gateways",
  description: "The org's gateways: registration, detail, health, config, tags and actions.",
  operations: [
    {
      method: "get",
      path: "/api/v1/gateways",
      summary: "List gateways",
      auth: "member",
      query: listGatewaysQuery,
      description:
        "One page, filtered by `status`, `health`, `drift` (`true`/`false`), `tag` (`key=value` or `key`, comma-separated, all must match) and `q`.",
      responses: { 200: { description: "A page of gateways", schema: r.gatewayList } },
    },
    {
      method: "post",
      path: "/api/v1/gateways",
      summary: "Register a gateway",
      auth: "registration",
      body: registerGatewayInput,
      description:
        "Exchanges a registration token for a gateway record and its OpAMP token. Re-registering an instance_id updates it in place.",
      responses: {
        201: { description: "Registered; `opamp_token` is shown this once", schema: r.gatewayRegistration },
      },
    },
    {
      method: "get",
      path: G,
      summary: "Get a gateway",
      auth: "member",
      responses: { 200: { description: "The gateway", schema: r.gatewayDetail } },
    },
    {
      method: "delete",
      path: G,
      summary: "Delete a gateway",
      auth: "member",
      responses: { 204: { description: "Deleted" } },
    },
    {
      method: "get",
      path: `${G}/status`,
      summary: "Get a gateway's combined status",
      auth: "member",
      responses: { 200: { description: "Health, version, config and metrics", schema: r.gatewayStatusView } },
    },
    {
      method: "get",
      path: `${G}/health`,
      summary: "Get a gateway's health",
      auth: "member",
      responses: { 200: { description: "Health", schema: r.health } },
    },
    {
      method: "get",
      path: `${G}/version`,
      summary: "Get a gateway's versions",
      auth: "member",
      responses: { 200: { description: "Versions", schema: r.version } },
    },
    {
      method: "get",
      path: `${G}/metrics`,
      summary: "Get a gateway's reported metrics",
      auth: "member",
      responses: { 200: { description: "Metrics", schema: r.metrics } },
    },
    {
      method: "get",
      path: `${G}/config`,
      summary: "Get a gateway's desired and effective config",
      auth: "member",
      description: "404 when the gateway has neither a desired nor an effective config.",
      responses: { 200: { description: "The config", schema: r.config } },
    },
    {
      method: "get",
      path: `${G}/logs`,
      summary: "List a gateway's own log lines",
      auth: "member",
      query: listGatewayLogsQuery,
      description:
        "Oldest first. Without `after_id`: the newest `limit` lines; with it, the lines after that id (follow with `next_after_id`).",
      responses: { 200: { description: "Log lines", schema: r.gatewayLogs } },
    },
    {
      method: "get",
      path: `${G}/events`,
      summary: "List a gateway's history",
      auth: "member",
      query: gatewayHistoryQuery,
      description:
        "Newest first: connections, configs sent/applied/failed, health changes and restarts the server saw, and the audit actions on the gateway, each with a `message` sentence.",
      responses: { 200: { description: "A page of events", schema: r.gatewayHistory } },
    },
    {
      method: "put",
      path: `${G}/tags`,
      summary: "Replace a gateway's tags",
      auth: "member",
      body: setGatewayTagsInput,
      responses: { 200: { description: "The gateway's tags", schema: r.gatewayTags } },
    },
    {
      method: "post",
      path: `${G}/restart`,
      summary: "Ask a gateway to restart",
      auth: "member",
      errors: [409],
      description: "409 unless the agent reported the AcceptsRestartCommand capability.",
      responses: { 202: { description: "Restart requested (sent over OpAMP)", schema: r.restartRequested } },
    },
    {
      method: "post",
      path: `${G}/rotate-token`,
      summary: "Rotate a gateway's OpAMP token",
      auth: "member",
      description: "The previous token stops working and the gateway is disconnected.",
      responses: { 200: { description: "The new token, shown this once", schema: r.rotatedToken } },
    },
    {
      method: "post",
      path: `${G}/restart-registration`,
      summary: "Allow a gateway to re-register",
      auth: "registration",
      query: z.object({ org_id: z.uuid().optional() }),
      description:
        "Re-issues the gateway's OpAMP token (e.g. after it lost it); uses one use of the registration token.",
      responses: {
        200: {
          description: "As at registration; the new `opamp_token` is shown this once",
          schema: r.gatewayRegistration,
        },
      },
    },
    {
      method: "get",
      path: "/api/v1/agent-tags",
      summary: "List the org's tag pairs",
      auth: "member",
      query: listAgentTagsQuery,
      responses: {
        200: { description: "Distinct key/value pairs with how many gateways carry each", schema: r.agentTagList },
      },
    },
    {
      method: "post",
      path: "/api/v1/agent-tags",
      summary: "Add tags to many gateways",
      auth: "member",
      body: addAgentTagsInput,
      errors: [404],
      responses: { 200: { description: "How many gateways were updated", schema: r.tagsUpdated } },
    },
    {
      method: "delete",
      path: "/api/v1/agent-tags",
      summary: "Remove tag keys from many gateways",
      auth: "member",
      body: removeAgentTagsInput,
      errors: [404],
      responses: { 200: { description: "How many gateways were updated", schema: r.tagsUpdated } },
    },
  ],
};

/** Legacy REST calls of heartbeat.sh and older agents, authenticated by the gateway's OpAMP token. */
export const legacyAgent: OperationGroup = {
  tag: "Agent (legacy REST)",
  description:
    "Heartbeat and config pull for agents that do not speak OpAMP; authenticated by the gateway's OpAMP token.",
  operations: [
    {
      method: "post",
      path: "/api/v1/opamp/heartbeat/{instanceId}",
      summary: "Send a heartbeat",
      auth: "opamp",
      body: heartbeatInput,
      errors: [403],
      responses: { 200: { description: "Recorded", schema: r.heartbeatAck } },
    },
    {
      method: "get",
      path: "/api/v1/opamp/config/{instanceId}",
      summary: "Pull the desired config",
      auth: "opamp",
      errors: [403],
      responses: { 200: { description: "The desired config", schema: r.agentConfig } },
    },
  ],
};
