import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./common";
import { organizations, users } from "./orgs";
import { templates, templateVersions } from "./templates";

export const transformSignalEnum = pgEnum("transform_signal", ["logs", "metrics", "traces"]);

/** A named, versioned list of steps for one signal; templates reference it as `flowgate_transform/<name>[@<version>]`. */
export const transforms = pgTable(
  "transforms",
  {
    id: id(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    signal: transformSignalEnum("signal").notNull(),
    description: text("description"),
    latestVersion: integer("latest_version").notNull().default(0),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("transforms_org_name_idx").on(t.orgId, t.name), index("transforms_org_id_idx").on(t.orgId)],
);

/** Immutable: a row is never updated once written. */
export const transformVersions = pgTable(
  "transform_versions",
  {
    id: id(),
    transformId: uuid("transform_id")
      .notNull()
      .references(() => transforms.id, { onDelete: "cascade" }),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    steps: jsonb("steps").$type<unknown[]>().notNull(),
    /** SHA-256 of the steps' stable rendering: "nothing changed" is a hash comparison. */
    stepsHash: text("steps_hash").notNull(),
    message: text("message"),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    /** ctx.actor of the author ("user:…", "api_key:…", "system:cli"): API keys and the CLI have no user row. */
    actor: text("actor").notNull(),
    createdAt: createdAt(),
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
    templateVersionId: uuid("template_version_id")
      .notNull()
      .references(() => templateVersions.id, { onDelete: "cascade" }),
    templateId: uuid("template_id")
      .notNull()
      .references(() => templates.id, { onDelete: "cascade" }),
    transformVersionId: uuid("transform_version_id")
      .notNull()
      .references(() => transformVersions.id, { onDelete: "cascade" }),
    transformId: uuid("transform_id")
      .notNull()
      .references(() => transforms.id, { onDelete: "cascade" }),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /** False when the template wrote `flowgate_transform/<name>` and the latest version was pinned at save. */
    pinned: boolean("pinned").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.templateVersionId, t.transformVersionId] }),
    index("template_version_transforms_transform_idx").on(t.transformId),
  ],
);
