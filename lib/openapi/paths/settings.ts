import { z } from "zod";
import { pageQuery } from "../../http/pagination";
import { updateSettingsInput } from "../../settings/definitions";
import { get, group, put } from "../operation";
import * as r from "../responses/settings";
import { PREFERENCES } from "../../preferences/schemas";

const P = "/api/v1/me/preferences/{key}";
const preference = z.union([PREFERENCES["agents.columns"], PREFERENCES["agents.views"]]);

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
    get(P, "Get one of your preferences", [200, "The value, or its default when never saved", preference], {
      description:
        "Your own settings in this org, for the console: `agents.columns` (`{hidden: [column ids]}`) and `agents.views` (`{views: [{name, query}]}`). Session users only; an API key gets 400.",
    }),
    put(P, "Save one of your preferences", [200, "The value saved", preference], {
      body: preference,
      description: "Replaces the value of `key`; its shape is the key's (see the GET). Any member, a viewer included.",
    }),
    get("/api/v1/opamp-config", "Get the OpAMP endpoints and offers", [
      200,
      "Where agents connect and what they are offered",
      r.opampConfig,
    ]),
  ],
);
