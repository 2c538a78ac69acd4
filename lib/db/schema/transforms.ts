import { boolean, jsonb, text } from "drizzle-orm/pg-core";
import { index, pgEnum, pgTable, primaryKey, uniqueIndex } from "drizzle-orm/pg-core";
import { parentRef } from "./common";
import { orgIdColumn } from "./orgs";
import { documentVersion, versionedDocument } from "./versioned";
import { templates, templateVersions } from "./templates";

export const transformSignalEnum = pgEnum("transform_signal", ["logs", "metrics", "traces"]);

/** A named, versioned list of steps for one signal; templates reference it as `flowgate_transform/<name>[@<version>]`. */
export const transforms = pgTable(
  "transforms",
  {
    ...versionedDocument(),
    signal: transformSignalEnum("signal").notNull(),
  },
  (t) => [uniqueIndex("transforms_org_name_idx").on(t.orgId, t.name), index("transforms_org_id_idx").on(t.orgId)],
);

/** Immutable: a row is never updated once written. */
export const transformVersions = pgTable(
  "transform_versions",
  {
    ...documentVersion("transformId", "transform_id", () => transforms.id),
    steps: jsonb("steps").$type<unknown[]>().notNull(),
    /** SHA-256 of the steps' stable rendering: "nothing changed" is a hash comparison. */
    stepsHash: text("steps_hash").notNull(),
    /** ctx.actor of the author ("user:…", "api_key:…", "system:cli"): API keys and the CLI have no user row. */
    actor: text("actor").notNull(),
  },
  (t) => [uniqueIndex("transform_versions_transform_version_idx").on(t.transformId, t.version)],
);

/**
 * Which transform versions a template version was rendered with (written when the template version is saved).
 * Answers "where used" and the delete guard without parsing YAML; deleting a transform drops the links of older
 * template versions, whose stored rendered_content keeps working.
 */
export const templateVersionTransforms = pgTable(
  "template_version_transforms",
  {
    templateVersionId: parentRef("template_version_id", () => templateVersions.id),
    templateId: parentRef("template_id", () => templates.id),
    transformVersionId: parentRef("transform_version_id", () => transformVersions.id),
    transformId: parentRef("transform_id", () => transforms.id),
    orgId: orgIdColumn(),
    /** False when the template wrote `flowgate_transform/<name>` and the latest version was pinned at save. */
    pinned: boolean("pinned").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.templateVersionId, t.transformVersionId] }),
    index("template_version_transforms_transform_idx").on(t.transformId),
  ],
);
