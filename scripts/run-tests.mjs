#!/usr/bin/env node
// Runs Node's built-in test runner over the TypeScript test files of one tier.
// Node 20's --test takes no globs, so the files are collected here.
//   unit:    src/**/*.test.ts and test/**/*.test.ts, except test/interop
//   interop: test/interop/**/*.test.ts (needs the real Prefect MCP server; see .ci/run)
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const tier = process.argv[2] ?? "unit";
const filter = process.argv[3];
const root = process.cwd();

function collect(dir, out = []) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    if (name === "node_modules" || name === "fixtures" || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (name.endsWith(".test.ts")) out.push(relative(root, path));
  }
  return out;
}

const all = [...collect(join(root, "src")), ...collect(join(root, "test"))].sort();
const isInterop = (f) => f.startsWith(join("test", "interop"));
let files = tier === "interop" ? all.filter(isInterop) : all.filter((f) => !isInterop(f));
if (filter) files = files.filter((f) => f.includes(filter));
if (files.length === 0) {
  console.error(`no ${tier} test files found`);
  process.exit(1);
}
const concurrency = tier === "interop" ? "1" : "2";
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", `--test-concurrency=${concurrency}`, ...files],
  { stdio: "inherit", env: { ...process.env, CALL_COACH_TEST: "1" } },
);
process.exit(result.status ?? 1);
