import {
  createTemplateInput,
  diffQuery,
  listTemplatesQuery,
  listTemplateVersionsQuery,
  saveVersionInput,
  updateTemplateInput,
} from "../../templates/schemas";
import type { OperationGroup } from "../registry";
import * as r from "../responses/templates";

const T = "/api/v1/templates/{templateId}";

export const templates: OperationGroup = {
  tag: "Templates",
  description:
    "Versioned collector configs. Saving validates against the org's allow-list: an invalid config is a 400 carrying `validation`.",
  operations: [
    {
      method: "get",
      path: "/api/v1/templates",
      summary: "List templates",
      auth: "member",
      query: listTemplatesQuery,
      responses: { 200: { description: "A page of templates, the base config first", schema: r.templateList } },
    },
    {
      method: "post",
      path: "/api/v1/templates",
      summary: "Create a template with its first version",
      auth: "member",
      body: createTemplateInput,
      errors: [409],
      responses: { 201: { description: "Created", schema: r.createdTemplate } },
    },
    {
      method: "get",
      path: T,
      summary: "Get a template with its latest content",
      auth: "member",
      responses: { 200: { description: "The template", schema: r.templateDetail } },
    },
    {
      method: "patch",
      path: T,
      summary: "Rename or describe a template",
      auth: "member",
      body: updateTemplateInput,
      errors: [409],
      responses: { 200: { description: "The template", schema: r.template } },
    },
    {
      method: "delete",
      path: T,
      summary: "Delete a template",
      auth: "member",
      errors: [409],
      description: "409 while a deployment uses it.",
      responses: { 204: { description: "Deleted" } },
    },
    {
      method: "post",
      path: `${T}/base`,
      summary: "Make a template the org's base config",
      auth: "member",
      responses: { 200: { description: "The template", schema: r.template } },
    },
    {
      method: "get",
      path: `${T}/versions`,
      summary: "List a template's versions",
      auth: "member",
      query: listTemplateVersionsQuery,
      responses: { 200: { description: "A page of versions, newest first", schema: r.templateVersionList } },
    },
    {
      method: "post",
      path: `${T}/versions`,
      summary: "Save a new version",
      auth: "member",
      body: saveVersionInput,
      errors: [409],
      description: "`base_version` is the version edited: 409 (with `latest_version`) when someone saved in between.",
      responses: { 201: { description: "Saved", schema: r.savedVersion } },
    },
    {
      method: "get",
      path: `${T}/versions/{version}`,
      summary: "Get one version with its content",
      auth: "member",
      responses: { 200: { description: "The version", schema: r.templateVersionWithContent } },
    },
    {
      method: "get",
      path: `${T}/diff`,
      summary: "Diff two versions",
      auth: "member",
      query: diffQuery,
      responses: { 200: { description: "A unified diff from → to", schema: r.templateDiff } },
    },
  ],
};
