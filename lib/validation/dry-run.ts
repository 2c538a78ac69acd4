import { z } from "zod";
import type { Ctx } from "../auth/context";
import { parseWith } from "../http/parse";
import { collectorConfigMap, hashConfigMap } from "../config-distribution/config-map";
import { resolveDesiredConfig } from "../config-distribution/desired";
import { renderTemplate, type GatewayVariables } from "../config-distribution/render";
import { findGatewayOr404 } from "../gateways/lookup";
import { readAllowList } from "../settings/queries";
import { getTemplateVersion } from "../templates/queries";
import { MAX_CONTENT_BYTES } from "../templates/schemas";
import { findTemplateOr404 } from "../templates/shared";
import { checkTemplateContent } from "../templates/transform-refs";
import { unifiedDiff } from "../templates/unified-diff";
import { validateCollectorConfig } from "./validate";

export const dryRunInput = z
  .object({
    gateway_id: z.string({ error: "gateway_id is required" }),
    template_id: z.string().optional(),
    version: z.number().int().min(1).optional(),
    config_yaml: z
      .string()
      .refine(
        (s) => Buffer.byteLength(s) <= MAX_CONTENT_BYTES,
        `config_yaml must be at most ${MAX_CONTENT_BYTES / 1024} KiB`,
      )
      .optional(),
  })
  .strict()
  .refine(
    (v) => (v.template_id === undefined) !== (v.config_yaml === undefined),
    "Send either template_id (and optionally version) or config_yaml",
  )
  .refine((v) => v.version === undefined || v.template_id !== undefined, "version needs a template_id");
export type DryRunInput = z.infer<typeof dryRunInput>;

/**
 * What a gateway would receive, without sending anything: the rendered AgentConfigMap, its config hash, its
 * validation against the org's allow-list, and a unified diff against the gateway's current effective config.
 * Transform references show expanded, as the gateway would get them. Read-only, so any member may run it.
 */
export async function dryRun(ctx: Ctx, input: DryRunInput) {
  const data = parseWith(dryRunInput, input);
  const gateway = await findGatewayOr404(ctx.db, ctx.orgId, data.gateway_id);
  const vars: GatewayVariables = {
    id: gateway.id,
    orgId: gateway.orgId,
    instanceId: gateway.instanceId,
    name: gateway.name,
  };
  const { content, source, validation } = await loadSource(ctx, data);
  const yaml = renderTemplate(content, vars);
  const files = collectorConfigMap(yaml);
  const configHash = hashConfigMap(files);
  const [allowList, desired] = await Promise.all([
    readAllowList(ctx.db, ctx.orgId),
    resolveDesiredConfig(ctx.db, vars),
  ]);
  const current = gateway.effectiveConfig ?? "";
  const d = unifiedDiff(current, yaml, { from: `${gateway.name} (effective config)`, to: `${gateway.name} (dry run)` });
  return {
    gateway: { id: gateway.id, name: gateway.name, instance_id: gateway.instanceId },
    source,
    agent_config_map: {
      config_map: Object.fromEntries(files.map((f) => [f.name, { body: f.body, content_type: f.contentType }])),
    },
    config_hash: configHash,
    validation: validation ?? validateCollectorConfig(yaml, { allowList }),
    current: {
      has_effective_config: gateway.effectiveConfig !== null,
      effective_config_hash: gateway.effectiveConfigHash,
      desired_config_hash: desired?.hash ?? null,
    },
    /** False when the gateway is already meant to run exactly this config map. */
    changes_desired_config: desired?.hash !== configHash,
    diff: d.diff,
    added: d.added,
    removed: d.removed,
  };
}

/**
 * Inline YAML gets its transform references resolved now, and its validation points at the lines as written; a
 * template version is shown as stored, expanded at save.
 */
async function loadSource(ctx: Ctx, data: DryRunInput) {
  if (data.template_id === undefined) {
    const checked = await checkTemplateContent(ctx.db, ctx.orgId, data.config_yaml ?? "");
    return {
      content: checked.rendered ?? data.config_yaml ?? "",
      source: { kind: "inline" as const },
      validation: checked.validation,
    };
  }
  const template = await findTemplateOr404(ctx.db, ctx.orgId, data.template_id);
  const version = await getTemplateVersion(ctx, template.id, data.version ?? template.latestVersion);
  return {
    validation: null,
    content: version.rendered_content ?? version.content,
    source: {
      kind: "template" as const,
      template_id: template.id,
      template_name: template.name,
      version: version.version,
      content_hash: version.content_hash,
    },
  };
}
