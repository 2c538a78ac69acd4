import { z } from "zod";
import { group } from "../operation";

export const meta = group("API", "This document.", [
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
]);
