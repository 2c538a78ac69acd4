import { z } from "zod";
import type { OperationGroup } from "../registry";

export const meta: OperationGroup = {
  tag: "API",
  description: "This document.",
  operations: [
    {
      method: "get",
      path: "/api/v1/openapi.json",
      summary: "Get the OpenAPI document",
      auth: "public",
      responses: {
        200: {
          description: "This OpenAPI 3.1 document",
          schema: z.looseObject({
            openapi: z.string(),
            info: z.looseObject({}),
            paths: z.record(z.string(), z.unknown()),
          }),
        },
      },
    },
  ],
};
