import { createApiKeyInput } from "../../api-keys/create";
import { listApiKeysQuery } from "../../api-keys/queries";
import { listRegistrationTokensQuery } from "../../registration-tokens/queries";
import { createRegistrationTokenInput } from "../../registration-tokens/schemas";
import type { OperationGroup } from "../registry";
import * as r from "../responses/accounts";

export const registrationTokens: OperationGroup = {
  tag: "Registration tokens",
  description: "Tokens a gateway exchanges for its own OpAMP token when it registers.",
  operations: [
    {
      method: "get",
      path: "/api/v1/registration-tokens",
      summary: "List registration tokens",
      auth: "member",
      query: listRegistrationTokensQuery,
      responses: {
        200: { description: "A page of tokens, newest first (never the token value)", schema: r.registrationTokenList },
      },
    },
    {
      method: "post",
      path: "/api/v1/registration-tokens",
      summary: "Create a registration token",
      auth: "member",
      body: createRegistrationTokenInput,
      responses: { 201: { description: "Created; `token` is shown this once", schema: r.createdRegistrationToken } },
    },
    {
      method: "delete",
      path: "/api/v1/registration-tokens/{tokenId}",
      summary: "Revoke a registration token",
      auth: "member",
      responses: { 204: { description: "Revoked" } },
    },
  ],
};

export const apiKeys: OperationGroup = {
  tag: "API keys",
  description: "Org-scoped keys (`Authorization: Bearer fgk_…`) for scripts and CI.",
  operations: [
    {
      method: "get",
      path: "/api/v1/api-keys",
      summary: "List API keys",
      auth: "member",
      query: listApiKeysQuery,
      responses: { 200: { description: "A page of keys, newest first (never the key)", schema: r.apiKeyList } },
    },
    {
      method: "post",
      path: "/api/v1/api-keys",
      summary: "Create an API key",
      auth: "member",
      body: createApiKeyInput,
      description: "The role may not be above the caller's own.",
      responses: { 201: { description: "Created; `key` is shown this once", schema: r.createdApiKey } },
    },
    {
      method: "delete",
      path: "/api/v1/api-keys/{keyId}",
      summary: "Revoke an API key",
      auth: "member",
      responses: { 204: { description: "Revoked" } },
    },
  ],
};
