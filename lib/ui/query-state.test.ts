import { describe, expect, it } from "vitest";
import { readTableQuery, writeTableQuery } from "./query-state";

const defaults = { limit: 25, filters: ["status", "health", "tag", "q"] as const };

describe("table state in the URL", () => {
  it("reads page, limit, sort and known filters, clamping bad values", () => {
    const q = readTableQuery(
      new URLSearchParams("page=3&limit=500&sort=name&order=desc&status=active&q=edge&bogus=1"),
      defaults,
    );
    expect(q).toEqual({ page: 3, limit: 100, sort: "name", order: "desc", filters: { status: "active", q: "edge" } });
    expect(readTableQuery(new URLSearchParams("page=-2&limit=x&order=sideways"), defaults)).toEqual({
      page: 1,
      limit: 25,
      sort: undefined,
      order: undefined,
      filters: {},
    });
  });

  it("writes a short query and round-trips it", () => {
    const state = { page: 2, limit: 50, sort: "last_seen", order: "asc" as const, filters: { tag: "env:prod", q: "" } };
    const qs = writeTableQuery(state, defaults);
    expect(qs).toBe("tag=env%3Aprod&sort=last_seen&order=asc&page=2&limit=50");
    expect(readTableQuery(new URLSearchParams(qs), defaults)).toEqual({ ...state, filters: { tag: "env:prod" } });
    expect(writeTableQuery({ page: 1, limit: 25, filters: {} }, defaults)).toBe("");
  });
});
