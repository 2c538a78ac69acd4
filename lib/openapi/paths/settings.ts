import { z } from "zod";
import { pageQuery } from "../../http/pagination";
import { updateSettingsInput } from "../../settings/definitions";
import { createAgentCaInput } from "../../agent-ca/manage";
import { del, get, group, post, put } from "../operation";
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
    get("/api/v1/settings/agent-ca", "Get the agent CA (mTLS)", [
      200,
      "The CA certificate, or enabled: false",
      r.agentCa,
    ]),
    post("/api/v1/settings/agent-ca", "Generate or import the agent CA", [201, "The CA (never its key)", r.agentCa], {
      body: createAgentCaInput,
      description:
        "An empty body generates an ECDSA P-256 CA; `cert_pem` + `key_pem` (unencrypted PKCS#8, PKCS#1 or SEC1) import " +
        "one. Agents' CSRs are then signed into client certificates. 409 while the org has a CA. Admins only.",
    }),
    del("/api/v1/settings/agent-ca", "Delete the agent CA", [204, "Deleted; every certificate it issued is revoked"], {
      description: "Agents' CSRs are declined again, and the certificates it issued are refused. Admins only.",
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
