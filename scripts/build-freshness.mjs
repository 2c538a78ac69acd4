import fs from "node:fs";
import path from "node:path";

/** What `next build` reads: a change to any of these since the last build makes that build stale. */
export const BUILD_INPUTS = [
  "app",
  "lib",
  "proto",
  "public",
  "next.config.mjs",
  "postcss.config.mjs",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
];

/** Newest mtime under a path, folders included (deleting or renaming a file changes its folder's mtime). */
function newestMtime(p) {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch {
    return { at: 0, path: p };
  }
  let newest = { at: stat.mtimeMs, path: p };
  if (stat.isDirectory())
    for (const entry of fs.readdirSync(p)) {
      const inner = newestMtime(path.join(p, entry));
      if (inner.at > newest.at) newest = inner;
    }
  return newest;
}

/**
 * Whether the production build in `root/distDir` is missing or older than its sources, judged by the mtime of
 * `BUILD_ID` (next build writes it last) against every file and folder in BUILD_INPUTS.
 */
export function buildFreshness(root, distDir = ".next") {
  let builtAt;
  try {
    builtAt = fs.statSync(path.join(root, distDir, "BUILD_ID")).mtimeMs;
  } catch {
    return { stale: true, reason: `no build in ${distDir}` };
  }
  for (const input of BUILD_INPUTS) {
    const newest = newestMtime(path.join(root, input));
    if (newest.at > builtAt)
      return { stale: true, reason: `${path.relative(root, newest.path)} changed since the build` };
  }
  return { stale: false, reason: "the build is newer than its sources" };
}
