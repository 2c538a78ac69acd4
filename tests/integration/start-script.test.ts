import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
// @ts-expect-error plain .mjs script without type declarations
import { buildFreshness } from "../../scripts/build-freshness.mjs";

type Freshness = { stale: boolean; reason: string };
const check = (root: string, dist?: string) => buildFreshness(root, dist) as Freshness;

let root: string;
const file = (rel: string, content = "x") => {
  const p = path.join(root, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return p;
};
/** Moves a path's mtime (a file or a folder) to `secondsAgo` before now. */
const age = (rel: string, secondsAgo: number) => {
  const t = new Date(Date.now() - secondsAgo * 1000);
  fs.utimesSync(path.join(root, rel), t, t);
};

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "flowgate-start-"));
  for (const rel of ["app/page.tsx", "app/(app)/agents/page.tsx", "lib/opamp/hub.ts", "proto/opamp.proto"]) file(rel);
  for (const rel of ["next.config.mjs", "package.json", "package-lock.json", "tsconfig.json", "docs/notes.md"])
    file(rel);
  // Every source an hour old (folders too), the build ten minutes old.
  for (const rel of ["app/page.tsx", "app/(app)/agents/page.tsx", "app/(app)/agents", "app/(app)", "app"])
    age(rel, 3600);
  for (const rel of ["lib/opamp/hub.ts", "lib/opamp", "lib", "proto/opamp.proto", "proto"]) age(rel, 3600);
  for (const rel of ["next.config.mjs", "package.json", "package-lock.json", "tsconfig.json"]) age(rel, 3600);
  file(".next/BUILD_ID", "build-1");
  age(".next/BUILD_ID", 600);
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe("npm start: build only when needed", () => {
  it("builds when there is no build", () => {
    fs.rmSync(path.join(root, ".next"), { recursive: true });
    expect(check(root)).toEqual({ stale: true, reason: "no build in .next" });
  });

  it("skips the build when it is newer than every source, whatever changed outside the sources", () => {
    file("docs/notes.md", "edited after the build");
    file("tests/integration/new.test.ts");
    expect(check(root).stale).toBe(false);
  });

  it("builds when a source file deep in a folder changed after the build", () => {
    file("app/(app)/agents/page.tsx", "edited");
    age("app/(app)/agents", 3600); // only the file is newer
    expect(check(root)).toEqual({ stale: true, reason: "app/(app)/agents/page.tsx changed since the build" });
  });

  it("builds when a source file was deleted after the build (its folder changed)", () => {
    fs.rmSync(path.join(root, "lib/opamp/hub.ts"));
    expect(check(root)).toEqual({ stale: true, reason: "lib/opamp changed since the build" });
  });

  it("builds when the lockfile or the Next config changed after the build", () => {
    file("package-lock.json", "{}");
    expect(check(root).reason).toBe("package-lock.json changed since the build");
    age("package-lock.json", 3600);
    expect(check(root).stale).toBe(false);
    file("next.config.mjs", "export default {}");
    expect(check(root).reason).toBe("next.config.mjs changed since the build");
  });

  it("judges the dist folder it is given (FLOWGATE_NEXT_DIST)", () => {
    expect(check(root, ".next-other")).toEqual({ stale: true, reason: "no build in .next-other" });
    file(".next-other/BUILD_ID");
    expect(check(root, ".next-other").stale).toBe(false);
  });
});
