import { pageQuery } from "../../http/pagination";
import { updateSettingsInput } from "../../settings/definitions";
import { get, group, put } from "../operation";
import * as r from "../responses/settings";

export const settings = group(
  "Settings",
  "Org settings (any member reads, admins change), the audit log, and where agents connect.",
  [
    get("/api/v1/settings", "Get the org's settings", [200, "Every setting, defaults filled in", r.orgSettings]),
    put("/api/v1/settings", "Change settings", [200, "Every setting after the change", r.orgSettings], {
      body: updateSettingsInput,
      description: "Any subset of the settings; `null` resets one to its default. Unknown keys are refused.",
    }),
    get("/api/v1/settings/audit-log", "List the audit log", [200, "A page of entries, newest first", r.auditLogPage], {
      query: pageQuery({ maxLimit: 100, defaultLimit: 20 }),
    }),
    get("/api/v1/opamp-config", "Get the OpAMP endpoints and offers", [
      200,
      "Where agents connect and what they are offered",
      r.opampConfig,
    ]),
  ],
);
