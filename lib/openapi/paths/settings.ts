import { pageQuery } from "../../http/pagination";
import { updateSettingsInput } from "../../settings/definitions";
import type { OperationGroup } from "../registry";
import * as r from "../responses/settings";

export const settings: OperationGroup = {
  tag: "Settings",
  description: "Org settings (any member reads, admins change), the audit log, and where agents connect.",
  operations: [
    {
      method: "get",
      path: "/api/v1/settings",
      summary: "Get the org's settings",
      auth: "member",
      responses: { 200: { description: "Every setting, defaults filled in", schema: r.orgSettings } },
    },
    {
      method: "put",
      path: "/api/v1/settings",
      summary: "Change settings",
      auth: "member",
      body: updateSettingsInput,
      description: "Any subset of the settings; `null` resets one to its default. Unknown keys are refused.",
      responses: { 200: { description: "Every setting after the change", schema: r.orgSettings } },
    },
    {
      method: "get",
      path: "/api/v1/settings/audit-log",
      summary: "List the audit log",
      auth: "member",
      query: pageQuery({ maxLimit: 100, defaultLimit: 20 }),
      responses: { 200: { description: "A page of entries, newest first", schema: r.auditLogPage } },
    },
    {
      method: "get",
      path: "/api/v1/opamp-config",
      summary: "Get the OpAMP endpoints and offers",
      auth: "member",
      responses: { 200: { description: "Where agents connect and what they are offered", schema: r.opampConfig } },
    },
  ],
};
