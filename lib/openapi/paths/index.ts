import type { OperationGroup } from "../registry";
import { apiKeys, registrationTokens } from "./accounts";
import { alerts } from "./alerts";
import { cardinalityPaths } from "./cardinality";
import { deployments } from "./deployments";
import { gateways, legacyAgent } from "./gateways";
import { meta } from "./meta";
import { gatewayRoutes } from "./routes";
import { settings } from "./settings";
import { supervisor } from "./supervisor";
import { samples } from "./samples";
import { savingsPaths } from "./savings";
import { telemetry } from "./telemetry";
import { templates } from "./templates";
import { timeseriesPaths } from "./timeseries";
import { transforms } from "./transforms";
import { validation } from "./validation";

/**
 * Every /api/v1 operation, by domain (the reference lists the tags in this order). A new domain is one file in
 * this folder exporting `group(tag, description, [get(path, summary, [status, description, schema?], {auth?, body?,
 * query?, errors?}), …])` (builders in ../operation.ts) with its response schemas in ../responses, added here.
 * tests/integration/openapi-coverage.test.ts fails while a route.ts method is missing.
 */
export const operationGroups: OperationGroup[] = [
  gateways,
  registrationTokens,
  apiKeys,
  templates,
  deployments,
  transforms,
  samples,
  alerts,
  validation,
  settings,
  supervisor,
  gatewayRoutes,
  telemetry,
  timeseriesPaths,
  savingsPaths,
  cardinalityPaths,
  legacyAgent,
  meta,
];
