import { randomUUID } from "node:crypto";
import { alertChannels } from "../db/schema";
import type { Ctx } from "../auth/context";
import { createOrgRowAudited, deleteOrgRowOr404, findOrgRowOr404 } from "../db/org-rows";
import { requireRole } from "../auth/roles";
import { parseWith } from "../http/parse";
import { recordAudit } from "../audit/record";
import { newestAlertsPage } from "./list-page";
import { createAlertChannelInput, type CreateAlertChannelInput, type ListAlertsQuery } from "./schemas";
import { newChannelSecret } from "./sign";
import { renderBody } from "./payload";
import { postSigned } from "./post";

type ChannelRow = typeof alertChannels.$inferSelect;
/** Never the secret: it is returned once, by createAlertChannel. */
const channelView = (c: ChannelRow) => ({ id: c.id, name: c.name, kind: c.kind, url: c.url, created_at: c.createdAt });

/** One page of the org's channels, newest first. */
export async function listAlertChannels(ctx: Ctx, query: ListAlertsQuery = {}) {
  const { items, ...page } = await newestAlertsPage(ctx, alertChannels, query);
  return { items: items.map(channelView), ...page };
}

/** Creates a webhook channel with a new signing secret, returned this once. */
export async function createAlertChannel(ctx: Ctx, input: CreateAlertChannelInput) {
  requireRole(ctx, "alerts.manage_channels");
  const data = parseWith(createAlertChannelInput, input);
  const secret = newChannelSecret();
  const row = await createOrgRowAudited(
    ctx,
    alertChannels,
    { name: data.name, kind: data.kind, url: data.url, secret },
    { noun: "alert_channel", details: (c) => ({ name: c.name, kind: c.kind, url: c.url }) },
  );
  return { ...channelView(row), secret };
}

/** Deletes a channel; its pending deliveries go with it, and rules routed to it fall back to every channel. */
export async function deleteAlertChannel(ctx: Ctx, id: string) {
  requireRole(ctx, "alerts.manage_channels");
  await ctx.db.transaction(async (tx) => {
    const row = await deleteOrgRowOr404(tx, alertChannels, {
      orgId: ctx.orgId,
      id,
      notFound: "Alert channel not found",
    });
    await recordAudit(tx, ctx, {
      action: "alert_channel.delete",
      targetType: "alert_channel",
      targetId: id,
      details: { name: row.name },
    });
  });
}

/** Posts a signed test notification now (no retries, nothing stored but the audit row) and says how it went. */
export async function testAlertChannel(ctx: Ctx, id: string) {
  requireRole(ctx, "alerts.test_channel");
  const channel = await findOrgRowOr404(ctx.db, alertChannels, {
    orgId: ctx.orgId,
    id,
    notFound: "Alert channel not found",
  });
  const body = renderBody(channel.kind, {
    id: randomUUID(),
    orgId: ctx.orgId,
    ruleId: null,
    ruleName: "Test notification",
    ruleKind: "gateway_down",
    event: "firing",
    subject: "test",
    subjectLabel: channel.name,
    summary: "A test notification sent from FlowGate.",
    createdAt: new Date(),
  });
  const result = await postSigned(channel.url, channel.secret, body);
  await recordAudit(ctx.db, ctx, {
    action: "alert_channel.test",
    targetType: "alert_channel",
    targetId: id,
    details: { ok: result.ok, status: result.status },
  });
  return result.ok
    ? { delivered: true, status: result.status }
    : { delivered: false, status: result.status, error: result.error };
}
