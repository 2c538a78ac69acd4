import { sql } from "drizzle-orm";
import { templateVersions } from "../db/schema";

/**
 * What gateways get from a template version: its content with transform references expanded (stored when the
 * version was saved), else the content as written. Selecting this keeps the OpAMP path free of transform lookups.
 */
export const servedContent = sql<string>`coalesce(${templateVersions.renderedContent}, ${templateVersions.content})`;
