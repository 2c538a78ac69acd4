import {
  createTransformInput,
  diffQuery,
  listTransformsQuery,
  pageQuery,
  previewStepsInput,
  previewTransformInput,
  rolloutTransformInput,
  saveTransformVersionInput,
  updateTransformInput,
} from "../../transforms/schemas";
import { type Answer, get, group, namedItemOperations, post } from "../operation";
import * as r from "../responses/transforms";

const base = "/api/v1/transforms";
const X = `${base}/{transformId}`;
const preview: Answer = [200, "Records before/after and totals", r.preview];

export const transforms = group(
  "Transforms",
  "Versioned cost rules and log transforms, compiled to stock collector processors (docs/transforms.md).",
  [
    get(base, "List transforms", [200, "A page of transforms with where each is used", r.transformList], {
      query: listTransformsQuery,
    }),
    ...namedItemOperations(base, X, "transform", {
      create: ["Create a transform (version 1)", [201, "Created", r.transform], createTransformInput],
      read: ["Get a transform", [200, "The transform with its latest steps", r.transform]],
      update: [[200, "Updated", r.transform], updateTransformInput],
      inUse: "409 while a template's latest version references it.",
    }),
    get(`${X}/versions`, "List versions", [200, "A page of versions, newest first", r.transformVersionList], {
      query: pageQuery,
    }),
    post(`${X}/versions`, "Save a new version", [201, "The new version", r.transformVersion], {
      body: saveTransformVersionInput,
      errors: [409],
      description: "`base_version` must be the latest version (409 otherwise).",
    }),
    get(`${X}/versions/{version}`, "Get a version", [200, "The version with its steps", r.transformVersion]),
    get(`${X}/versions/{version}/compile`, "Compile a version", [
      200,
      "The compiled processors YAML and its validation",
      r.compiledTransform,
    ]),
    get(`${X}/diff`, "Diff two versions", [200, "A unified diff of the steps", r.transformDiff], { query: diffQuery }),
    post(`${base}/preview`, "Preview unsaved steps on samples", preview, { body: previewStepsInput }),
    post(`${X}/preview`, "Preview a version (or unsaved steps) on samples", preview, { body: previewTransformInput }),
    post(
      `${X}/rollout`,
      "Save and roll out",
      [200, "What was created, with a status per template and deployment", r.rollout],
      {
        body: rolloutTransformInput,
        errors: [409],
        description:
          "Saves a version (when steps are sent), a new version of every template using the transform, and optionally a deployment per template.",
      },
    ),
  ],
);
