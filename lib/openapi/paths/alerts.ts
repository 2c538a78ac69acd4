import {
  createAlertChannelInput,
  createAlertRuleInput,
  listAlertsQuery,
  updateAlertRuleInput,
} from "../../alerts/schemas";
import type { OperationGroup } from "../registry";
import * as r from "../responses/alerts";

export const alerts: OperationGroup = {
  tag: "Alerts",
  description: "Alert rules, webhook channels (signed, retried) and the notifications they sent (docs/api/alerts.md).",
  operations: [
    {
      method: "get",
      path: "/api/v1/alerts/rules",
      summary: "List alert rules",
      auth: "member",
      query: listAlertsQuery,
      responses: { 200: { description: "Every rule with how many subjects are firing", schema: r.alertRuleList } },
    },
    {
      method: "post",
      path: "/api/v1/alerts/rules",
      summary: "Create an alert rule",
      auth: "member",
      body: createAlertRuleInput,
      responses: { 201: { description: "Created", schema: r.alertRule } },
    },
    {
      method: "get",
      path: "/api/v1/alerts/rules/{ruleId}",
      summary: "Get an alert rule",
      auth: "member",
      responses: { 200: { description: "The rule", schema: r.alertRule } },
    },
    {
      method: "patch",
      path: "/api/v1/alerts/rules/{ruleId}",
      summary: "Update an alert rule",
      auth: "member",
      body: updateAlertRuleInput,
      responses: { 200: { description: "Updated", schema: r.alertRule } },
    },
    {
      method: "delete",
      path: "/api/v1/alerts/rules/{ruleId}",
      summary: "Delete an alert rule",
      auth: "member",
      responses: { 204: { description: "Deleted" } },
    },
    {
      method: "get",
      path: "/api/v1/alerts/channels",
      summary: "List webhook channels",
      auth: "member",
      query: listAlertsQuery,
      responses: { 200: { description: "Every channel (never its secret)", schema: r.alertChannelList } },
    },
    {
      method: "post",
      path: "/api/v1/alerts/channels",
      summary: "Create a webhook channel",
      auth: "member",
      body: createAlertChannelInput,
      responses: { 201: { description: "Created; the signing secret is shown this once", schema: r.alertChannel } },
    },
    {
      method: "delete",
      path: "/api/v1/alerts/channels/{channelId}",
      summary: "Delete a webhook channel",
      auth: "member",
      responses: { 204: { description: "Deleted" } },
    },
    {
      method: "post",
      path: "/api/v1/alerts/channels/{channelId}/test",
      summary: "Send a test notification",
      auth: "member",
      responses: { 200: { description: "What the webhook answered", schema: r.testSend } },
    },
    {
      method: "get",
      path: "/api/v1/alerts/notifications",
      summary: "List notifications",
      auth: "member",
      query: listAlertsQuery,
      responses: {
        200: {
          description: "Firing and resolved notifications with their delivery status",
          schema: r.alertNotifications,
        },
      },
    },
    {
      method: "get",
      path: "/api/v1/alerts/fleet-health",
      summary: "Fleet health over 7 days",
      auth: "member",
      responses: { 200: { description: "Gateways by health per 5 minutes", schema: r.fleetHealth } },
    },
  ],
};
