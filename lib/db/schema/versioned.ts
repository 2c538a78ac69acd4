import { integer, text, type AnyPgColumn } from "drizzle-orm/pg-core";
import { createdAt, id, latestVersion, parentRef, updatedAt, versionMessage } from "./common";
import { createdByAt, orgEntity, orgIdColumn, userRef } from "./orgs";

/** The columns every versioned document (templates, transforms) has: a named, described org entity with a counter. */
export const versionedDocument = () => ({
  ...orgEntity(),
  name: text("name").notNull(),
  description: text("description"),
  latestVersion: latestVersion(),
  ...createdByAt(),
  updatedAt: updatedAt(),
});

/**
 * The columns of one immutable version of a document: its number, message and author; `key` (`templateId`, stored
 * as `column`) points at the document and is deleted with it. The body columns are the table's own.
 */
export const documentVersion = <K extends string>(key: K, column: string, document: () => AnyPgColumn) => ({
  id: id(),
  ...({ [key]: parentRef(column, document) } as Record<K, ReturnType<typeof parentRef>>),
  orgId: orgIdColumn(),
  version: integer("version").notNull(),
  message: versionMessage(),
  authorId: userRef("author_id"),
  createdAt: createdAt(),
});
