import {
  createAlertChannelInput,
  createAlertRuleInput,
  listAlertsQuery,
  updateAlertRuleInput,
} from "../../alerts/schemas";
import { del, get, group, patch, post } from "../operation";
import * as r from "../responses/alerts";

const RULES = "/api/v1/alerts/rules";
const CHANNELS = "/api/v1/alerts/channels";

export const alerts = group(
  "Alerts",
  "Alert rules, webhook channels (signed, retried) and the notifications they sent (docs/api/alerts.md).",
  [
    get(RULES, "List alert rules", [200, "Every rule with how many subjects are firing", r.alertRuleList], {
      query: listAlertsQuery,
    }),
    post(RULES, "Create an alert rule", [201, "Created", r.alertRule], { body: createAlertRuleInput }),
    get(`${RULES}/{ruleId}`, "Get an alert rule", [200, "The rule", r.alertRule]),
    patch(`${RULES}/{ruleId}`, "Update an alert rule", [200, "Updated", r.alertRule], { body: updateAlertRuleInput }),
    del(`${RULES}/{ruleId}`, "Delete an alert rule", [204, "Deleted"]),
    get(CHANNELS, "List webhook channels", [200, "Every channel (never its secret)", r.alertChannelList], {
      query: listAlertsQuery,
    }),
    post(
      CHANNELS,
      "Create a webhook channel",
      [201, "Created; the signing secret is shown this once", r.alertChannel],
      { body: createAlertChannelInput },
    ),
    del(`${CHANNELS}/{channelId}`, "Delete a webhook channel", [204, "Deleted"]),
    post(`${CHANNELS}/{channelId}/test`, "Send a test notification", [200, "What the webhook answered", r.testSend]),
    get(
      "/api/v1/alerts/notifications",
      "List notifications",
      [200, "Firing and resolved notifications with their delivery status", r.alertNotifications],
      { query: listAlertsQuery },
    ),
    get("/api/v1/alerts/fleet-health", "Fleet health over 7 days", [
      200,
      "Gateways by health per 5 minutes",
      r.fleetHealth,
    ]),
  ],
);
