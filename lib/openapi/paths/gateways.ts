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
import { bulkGatewaysInput } from "../../gateways/bulk/schemas";
import { listGatewayLogsQuery } from "../../telemetry/queries";
import { gatewayHistoryQuery } from "../../gateways/history";
import { type Answer, del, get, group, post, put } from "../operation";
import * as r from "../responses/gateways";

const G = "/api/v1/gateways/{gatewayId}";
const TAGS = "/api/v1/agent-tags";
const tagsUpdated: Answer = [200, "How many gateways were updated", r.tagsUpdated];

export const gateways = group(
  "Gateways",
  "The org's gateways: registration, detail, health, config, tags and actions.",
  [
    get("/api/v1/gateways", "List gateways", [200, "A page of gateways", r.gatewayList], {
      query: listGatewaysQuery,
      description:
        "One page, filtered by `status`, `health`, `drift` (`true`/`false`), `tag` (`key=value` or `key`, comma-separated, all must match) and `q`.",
    }),
    post(
      "/api/v1/gateways",
      "Register a gateway",
      [201, "Registered; `opamp_token` is shown this once", r.gatewayRegistration],
      {
        auth: "registration",
        body: registerGatewayInput,
        description:
          "Exchanges a registration token for a gateway record and its OpAMP token. Re-registering an instance_id updates it in place.",
      },
    ),
    post("/api/v1/gateways/bulk", "Act on many gateways at once", [200, "What the action did", r.bulkResult], {
      body: bulkGatewaysInput,
      description:
        "One of `add_tags`, `remove_tags`, `deploy` (all at once, to exactly the selection), `restart`, `rotate_token` (revokes the current tokens) or `delete`, on `gateway_ids` or on every gateway the list's `filter` matches; at most 10,000. Needs the role of the single-gateway action.",
    }),
    get(G, "Get a gateway", [200, "The gateway", r.gatewayDetail]),
    del(G, "Delete a gateway", [204, "Deleted"]),
    get(`${G}/status`, "Get a gateway's combined status", [
      200,
      "Health, version, config and metrics",
      r.gatewayStatusView,
    ]),
    get(`${G}/health`, "Get a gateway's health", [200, "Health", r.health]),
    get(`${G}/version`, "Get a gateway's versions", [200, "Versions", r.version]),
    get(`${G}/metrics`, "Get a gateway's reported metrics", [200, "Metrics", r.metrics]),
    get(`${G}/config`, "Get a gateway's desired and effective config", [200, "The config", r.config], {
      description: "404 when the gateway has neither a desired nor an effective config.",
    }),
    get(`${G}/logs`, "List a gateway's own log lines", [200, "Log lines", r.gatewayLogs], {
      query: listGatewayLogsQuery,
      description:
        "Oldest first. Without `after_id`: the newest `limit` lines; with it, the lines after that id (follow with `next_after_id`).",
    }),
    get(`${G}/events`, "List a gateway's history", [200, "A page of events", r.gatewayHistory], {
      query: gatewayHistoryQuery,
      description:
        "Newest first: connections, configs sent/applied/failed, health changes and restarts the server saw, and the audit actions on the gateway, each with a `message` sentence.",
    }),
    put(`${G}/tags`, "Replace a gateway's tags", [200, "The gateway's tags", r.gatewayTags], {
      body: setGatewayTagsInput,
    }),
    post(`${G}/restart`, "Ask a gateway to restart", [202, "Restart requested (sent over OpAMP)", r.restartRequested], {
      errors: [409],
      description: "409 unless the agent reported the AcceptsRestartCommand capability.",
    }),
    post(
      `${G}/rotate-token`,
      "Rotate a gateway's OpAMP token",
      [200, "The new token, shown this once", r.rotatedToken],
      {
        description: "The previous token stops working and the gateway is disconnected.",
      },
    ),
    post(
      `${G}/restart-registration`,
      "Allow a gateway to re-register",
      [200, "As at registration; the new `opamp_token` is shown this once", r.gatewayRegistration],
      {
        auth: "registration",
        query: z.object({ org_id: z.uuid().optional() }),
        description:
          "Re-issues the gateway's OpAMP token (e.g. after it lost it); uses one use of the registration token.",
      },
    ),
    get(
      TAGS,
      "List the org's tag pairs",
      [200, "Distinct key/value pairs with how many gateways carry each", r.agentTagList],
      { query: listAgentTagsQuery },
    ),
    post(TAGS, "Add tags to many gateways", tagsUpdated, { body: addAgentTagsInput, errors: [404] }),
    del(TAGS, "Remove tag keys from many gateways", tagsUpdated, { body: removeAgentTagsInput, errors: [404] }),
  ],
);

/** Legacy REST calls of heartbeat.sh and older agents, authenticated by the gateway's OpAMP token. */
export const legacyAgent = group(
  "Agent (legacy REST)",
  "Heartbeat and config pull for agents that do not speak OpAMP; authenticated by the gateway's OpAMP token.",
  [
    post("/api/v1/opamp/heartbeat/{instanceId}", "Send a heartbeat", [200, "Recorded", r.heartbeatAck], {
      auth: "opamp",
      body: heartbeatInput,
      errors: [403],
    }),
    get("/api/v1/opamp/config/{instanceId}", "Pull the desired config", [200, "The desired config", r.agentConfig], {
      auth: "opamp",
      errors: [403],
    }),
  ],
);
