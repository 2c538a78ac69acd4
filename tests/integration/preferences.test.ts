import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../helpers/db";
import { makeCtx, makeOrg } from "../helpers/ctx";
import { createUser } from "@/lib/users/create";
import { getPreference, setPreference } from "@/lib/preferences/store";

let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  database = await openTestDatabase();
}, 60_000);
afterAll(async () => {
  await database?.drop();
});

describe("user preferences (Agents table columns and saved views)", () => {
  it("are kept per user and per org; a viewer keeps their own; API keys have none", async () => {
    const a = await makeOrg(database.db, "prefs");
    const b = await makeOrg(database.db, "prefs-other");
    const user = await createUser(database.db, {
      email: `viewer-${Date.now()}@example.test`,
      password: "long-enough-password",
      org: a.org.name,
      role: "viewer",
    });
    const asViewer = { ...makeCtx(database.db, a.org.id, "viewer"), userId: user.id };
    const inOtherOrg = { ...makeCtx(database.db, b.org.id, "viewer"), userId: user.id };

    expect(await getPreference(asViewer, "agents.columns")).toEqual({ hidden: ["otel_version", "os", "ip_address"] });
    await setPreference(asViewer, "agents.columns", { hidden: ["transport"] });
    await setPreference(asViewer, "agents.columns", { hidden: ["transport", "tags"] });
    expect(await getPreference(asViewer, "agents.columns")).toEqual({ hidden: ["transport", "tags"] });
    expect(await getPreference(inOtherOrg, "agents.columns")).toEqual({ hidden: ["otel_version", "os", "ip_address"] });

    const views = { views: [{ name: "Drifted in prod", query: "drift=true&tag=env=prod" }] };
    expect(await setPreference(asViewer, "agents.views", views)).toEqual(views);
    expect(await getPreference(asViewer, "agents.views")).toEqual(views);

    await expect(setPreference(asViewer, "agents.columns", { hidden: ["nope"] })).rejects.toMatchObject({
      status: 400,
    });
    await expect(setPreference(asViewer, "agents.views", { views: [{ name: "", query: "" }] })).rejects.toMatchObject({
      status: 400,
    });
    await expect(getPreference(asViewer, "theme.colour")).rejects.toMatchObject({ status: 400 });
    await expect(getPreference(a.owner, "agents.views")).rejects.toThrow(/API keys have none/);
  });
});
