#!/usr/bin/env node
// Links node_modules/.bin/call-coach to the built CLI (run by `prepare`, so by `npm ci`).
// package.json deliberately has no "bin" field: with one, npm 11's `npx --no-install call-coach`
// tries to reinstall the project itself into the npx cache and fails, while a plain link in
// node_modules/.bin is found directly. The evaluation scripts call `npx --no-install call-coach`.
import { chmodSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { dirname, join, relative } from "node:path";

const BINS = { "call-coach": "dist/interfaces/cli/main.js" };

const root = process.cwd();
const binDir = join(root, "node_modules", ".bin");
mkdirSync(binDir, { recursive: true });
for (const [name, target] of Object.entries(BINS)) {
  const abs = join(root, target);
  chmodSync(abs, 0o755);
  const link = join(binDir, name);
  rmSync(link, { force: true });
  symlinkSync(relative(dirname(link), abs), link);
}
