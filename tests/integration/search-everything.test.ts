import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../helpers/db";
import { makeOrg } from "../helpers/ctx";
import { gateways } from "@/lib/db/schema";
import { InvalidInputError } from "@/lib/errors";
import { createTemplate } from "@/lib/templates/create";
import { searchEverything } from "@/lib/search/search-everything";

const CONFIG = `receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 0.0.0.0:4317
exporters:
  otlp:
    endpoint: backend:4317
service:
  pipelines:
    traces:
      receivers: [otlp]
      exporters: [otlp]
`;

let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe("searchEverything (the command palette)", () => {
  it("finds this org's gateways by name or hostname and templates by name, never another org's", async () => {
    const { org, owner, viewer } = await makeOrg(database.db, "search");
    const other = await makeOrg(database.db, "search-other");
    await database.db.insert(gateways).values([
      { orgId: org.id, instanceId: "i1", name: "edge-paris-1" },
      { orgId: org.id, instanceId: "i2", name: "core-1", hostname: "paris-core.example" },
      { orgId: org.id, instanceId: "i3", name: "edge-london-1" },
      { orgId: other.org.id, instanceId: "i4", name: "edge-paris-foreign" },
    ]);
    const tpl = await createTemplate(owner, { name: "paris-template", content: CONFIG });
    await createTemplate(other.owner, { name: "paris-foreign-template", content: CONFIG });

    const hits = await searchEverything(viewer, { q: "PARIS" });
    expect(hits.map((h) => `${h.kind}:${h.name}`)).toEqual([
      "gateway:core-1",
      "gateway:edge-paris-1",
      "template:paris-template",
    ]);
    expect(hits.find((h) => h.kind === "template")?.href).toBe(`/templates/${tpl.id}`);
    expect(hits[0].href).toMatch(/^\/agents\/[0-9a-f-]{36}$/);
  });

  it("matches wildcards literally and caps each kind at the limit", async () => {
    const { org, viewer } = await makeOrg(database.db, "search-limit");
    await database.db
      .insert(gateways)
      .values(Array.from({ length: 8 }, (_, i) => ({ orgId: org.id, instanceId: `g${i}`, name: `gw_${i}` })));
    expect(await searchEverything(viewer, { q: "%" })).toEqual([]);
    expect(await searchEverything(viewer, { q: "gw_", limit: 3 })).toHaveLength(3);
    expect(await searchEverything(viewer, { q: "gw_" })).toHaveLength(5);
  });

  it("refuses empty text", async () => {
    const { viewer } = await makeOrg(database.db, "search-empty");
    await expect(searchEverything(viewer, { q: "   " })).rejects.toBeInstanceOf(InvalidInputError);
  });
});
