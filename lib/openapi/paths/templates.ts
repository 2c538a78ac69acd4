import {
  createTemplateInput,
  diffQuery,
  listTemplatesQuery,
  listTemplateVersionsQuery,
  saveVersionInput,
  updateTemplateInput,
} from "../../templates/schemas";
import { get, group, namedItemOperations, post } from "../operation";
import * as r from "../responses/templates";

const T = "/api/v1/templates/{templateId}";

export const templates = group(
  "Templates",
  "Versioned collector configs. Saving validates against the org's allow-list: an invalid config is a 400 carrying `validation`.",
  [
    get("/api/v1/templates", "List templates", [200, "A page of templates, the base config first", r.templateList], {
      query: listTemplatesQuery,
    }),
    ...namedItemOperations("/api/v1/templates", T, "template", {
      create: ["Create a template with its first version", [201, "Created", r.createdTemplate], createTemplateInput],
      read: ["Get a template with its latest content", [200, "The template", r.templateDetail]],
      update: [[200, "The template", r.template], updateTemplateInput],
      inUse: "409 while a deployment uses it.",
    }),
    post(`${T}/base`, "Make a template the org's base config", [200, "The template", r.template]),
    get(
      `${T}/versions`,
      "List a template's versions",
      [200, "A page of versions, newest first", r.templateVersionList],
      {
        query: listTemplateVersionsQuery,
      },
    ),
    post(`${T}/versions`, "Save a new version", [201, "Saved", r.savedVersion], {
      body: saveVersionInput,
      errors: [409],
      description: "`base_version` is the version edited: 409 (with `latest_version`) when someone saved in between.",
    }),
    get(`${T}/versions/{version}`, "Get one version with its content", [
      200,
      "The version",
      r.templateVersionWithContent,
    ]),
    get(`${T}/diff`, "Diff two versions", [200, "A unified diff from → to", r.templateDiff], { query: diffQuery }),
  ],
);
