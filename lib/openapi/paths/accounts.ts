import { createApiKeyInput } from "../../api-keys/create";
import { listApiKeysQuery } from "../../api-keys/queries";
import { listRegistrationTokensQuery } from "../../registration-tokens/queries";
import { createRegistrationTokenInput } from "../../registration-tokens/schemas";
import { del, get, group, post } from "../operation";
import * as r from "../responses/accounts";

const TOKENS = "/api/v1/registration-tokens";
const KEYS = "/api/v1/api-keys";

export const registrationTokens = group(
  "Registration tokens",
  "Tokens a gateway exchanges for its own OpAMP token when it registers.",
  [
    get(
      TOKENS,
      "List registration tokens",
      [200, "A page of tokens, newest first (never the token value)", r.registrationTokenList],
      { query: listRegistrationTokensQuery },
    ),
    post(
      TOKENS,
      "Create a registration token",
      [201, "Created; `token` is shown this once", r.createdRegistrationToken],
      {
        body: createRegistrationTokenInput,
      },
    ),
    del(`${TOKENS}/{tokenId}`, "Revoke a registration token", [204, "Revoked"]),
  ],
);

export const apiKeys = group("API keys", "Org-scoped keys (`Authorization: Bearer fgk_…`) for scripts and CI.", [
  get(KEYS, "List API keys", [200, "A page of keys, newest first (never the key)", r.apiKeyList], {
    query: listApiKeysQuery,
  }),
  post(KEYS, "Create an API key", [201, "Created; `key` is shown this once", r.createdApiKey], {
    body: createApiKeyInput,
    description: "The role may not be above the caller's own.",
  }),
  del(`${KEYS}/{keyId}`, "Revoke an API key", [204, "Revoked"]),
]);
