import { and, eq, inArray } from "drizzle-orm";
import { parseDocument } from "yaml";
import { z } from "zod";
import { transformCaptures } from "../db/schema";
import type { Ctx } from "../auth/context";
import { requireRole } from "../auth/roles";
import { recordAudit } from "../audit/record";
import { ConflictError, isUniqueViolation } from "../errors";
import { publishAgentEvent } from "../events/bus";
import { parseWith } from "../http/parse";
import { resolveDesiredConfig } from "../config-distribution/desired";
import { AgentCapability, hasCapability } from "../opamp/capabilities";
import { findGatewayOr404 } from "../gateways/lookup";
import { SAMPLE_SIGNALS } from "../samples/schemas";
import { OPEN_CAPTURE_STATUSES, signalReceivers } from "./overlay";
import { captureJson } from "./queries";

export const startCaptureInput = z
  .object({
    signal: z.enum(SAMPLE_SIGNALS, { error: "signal must be logs, metrics or traces" }),
    max_records: z.number().int().min(1).max(1000, "max_records must be at most 1000").default(1000),
    duration_seconds: z
      .number()
      .int()
      .min(10, "duration_seconds must be 10 to 600")
      .max(600, "duration_seconds must be 10 to 600")
      .default(60),
    sampling_percentage: z
      .number()
      .gt(0, "sampling_percentage must be above 0")
      .max(100, "sampling_percentage must be at most 100")
      .optional(),
  })
  .strict();
export type StartCaptureInput = z.input<typeof startCaptureInput>;

/**
 * Starts a live capture on a connected gateway (operator): the gateway's desired config gains the capture
 * pipeline (lib/capture/overlay.ts) and is pushed over OpAMP. Refused (409) for an offline gateway, one that does
 * not accept remote config, one already capturing, and one whose config has no pipeline of the signal.
 */
export async function startCapture(ctx: Ctx, gatewayId: string, input: StartCaptureInput) {
  requireRole(ctx, "captures.start");
  const data = parseWith(startCaptureInput, input);
  try {
    return await ctx.db.transaction(async (tx) => {
      const g = await findGatewayOr404(tx, ctx.orgId, gatewayId, { forUpdate: true });
      if (g.connectionState !== "connected")
        throw new ConflictError(`Gateway "${g.name}" is offline: a live capture needs a connected gateway`);
      if (!hasCapability(g.capabilities, AgentCapability.AcceptsRemoteConfig)) {
        throw new ConflictError(
          `Gateway "${g.name}" does not advertise the AcceptsRemoteConfig OpAMP capability, so FlowGate cannot push the capture pipeline to it`,
        );
      }
      const [running] = await tx
        .select()
        .from(transformCaptures)
        .where(
          and(eq(transformCaptures.gatewayId, g.id), inArray(transformCaptures.status, [...OPEN_CAPTURE_STATUSES])),
        );
      if (running)
        throw new ConflictError(
          `A capture (${running.id}) is already running on gateway "${g.name}" until ${running.endsAt.toISOString()}`,
        );
      const desired = await resolveDesiredConfig(tx, g);
      if (!desired)
        throw new ConflictError(
          `Gateway "${g.name}" has no config from FlowGate (no deployment or base template), so there is no pipeline to capture from`,
        );
      if (signalReceivers(parseDocument(desired.yaml), data.signal).length === 0) {
        throw new ConflictError(
          `Gateway "${g.name}" runs no ${data.signal} pipeline with receivers, so there are no ${data.signal} to capture`,
        );
      }
      const now = new Date();
      const [row] = await tx
        .insert(transformCaptures)
        .values({
          orgId: ctx.orgId,
          gatewayId: g.id,
          signal: data.signal,
          maxRecords: data.max_records,
          durationSeconds: data.duration_seconds,
          samplingPercentage: data.sampling_percentage ?? null,
          createdBy: ctx.userId ?? null,
          createdAt: now,
          endsAt: new Date(now.getTime() + data.duration_seconds * 1000),
        })
        .returning();
      await recordAudit(tx, ctx, {
        action: "capture.start",
        targetType: "capture",
        targetId: row.id,
        details: { gateway_id: g.id, ...data },
      });
      await publishAgentEvent(tx, { type: "config", gatewayIds: [g.id] });
      return captureJson(row);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError("A capture is already running on this gateway");
    throw err;
  }
}
