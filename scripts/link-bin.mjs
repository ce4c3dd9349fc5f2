#!/usr/bin/env node
// Links node_modules/.bin/call-coach to the built CLI (run by `prepare`, so by `npm ci`).
// The package's own "bin" is what `npx call-coach` runs from the project root; npm does not link
// a package's own bin into its node_modules/.bin, and this link lets npm scripts and shells with
// node_modules/.bin on PATH call `call-coach` directly.
import { chmodSync, mkdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from "node:fs";
import { dirname, join, relative } from "node:path";

const { bin } = JSON.parse(readFileSync("package.json", "utf8"));

const root = process.cwd();
const binDir = join(root, "node_modules", ".bin");
mkdirSync(binDir, { recursive: true });
for (const [name, target] of Object.entries(bin)) {
  const abs = join(root, target);
  chmodSync(abs, 0o755);
  const link = join(binDir, name);
  const want = relative(dirname(link), abs);
  // An extra run (npm runs `prepare` again when `npx call-coach` installs the project into its
  // cache) must not remove a link another process is about to follow.
  let have = null;
  try {
    have = readlinkSync(link);
  } catch {
    // no link yet
  }
  if (have === want) continue;
  rmSync(link, { force: true });
  symlinkSync(want, link);
}
