#!/usr/bin/env node
// Runs Node's built-in test runner over the TypeScript test files of one tier.
// Node 20's --test takes no globs, so the files are collected here.
//   unit:    src/**/*.test.ts and test/**/*.test.ts, except test/data and test/interop; needs
//            nothing but the clone (`npm test`)
//   data:    test/data/**/*.test.ts: the product against the full docs snapshot and the shared
//            labeled calls (`npm run test:data`); fails at once, in one line, when they are missing
//   interop: test/interop/**/*.test.ts (the real Prefect MCP server and Prefect; see .ci/run)
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, relative, resolve } from "node:path";

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

if (!["unit", "data", "interop"].includes(tier)) {
  console.error(`unknown test tier "${tier}" (unit, data or interop)`);
  process.exit(2);
}

if (tier === "data") {
  // Same rule as scripts/shared-data.ts: CALL_COACH_SHARED_DIR, else ../shared beside the clone.
  const shared = resolve(root, process.env.CALL_COACH_SHARED_DIR || join("..", "shared"));
  const missing = [join(shared, "prefect-docs"), join(shared, "eval", "calls")].filter((d) => !existsSync(d));
  if (missing.length > 0) {
    console.error(
      `test:data needs the shared data: ${missing.join(" and ")} not found (set CALL_COACH_SHARED_DIR to the folder holding prefect-docs/ and eval/)`,
    );
    process.exit(1);
  }
}

const all = [...collect(join(root, "src")), ...collect(join(root, "test"))].sort();
const tierOf = (f) =>
  f.startsWith(join("test", "interop")) ? "interop" : f.startsWith(join("test", "data")) ? "data" : "unit";
let files = all.filter((f) => tierOf(f) === tier);
if (filter) files = files.filter((f) => f.includes(filter));
if (files.length === 0) {
  console.error(`no ${tier} test files found`);
  process.exit(1);
}
/**
 * The CPUs this process may really use. In a container, availableParallelism() can report the
 * host's cores while a cgroup quota allows two: starting one file per host core then starts
 * every file at once, and servers that come up in a second on their own take far longer.
 */
function usableCpus() {
  let cpus = availableParallelism();
  const quota = (text) => {
    const [max, period] = text.trim().split(/\s+/).map(Number);
    return Number.isFinite(max) && max > 0 && period > 0 ? Math.max(1, Math.ceil(max / period)) : null;
  };
  for (const read of [
    () => quota(readFileSync("/sys/fs/cgroup/cpu.max", "utf8")),
    () =>
      quota(
        `${readFileSync("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "utf8")} ${readFileSync("/sys/fs/cgroup/cpu/cpu.cfs_period_us", "utf8")}`,
      ),
  ]) {
    try {
      const limit = read();
      if (limit) cpus = Math.min(cpus, limit);
    } catch {
      // No such cgroup file: no quota of that kind.
    }
  }
  return cpus;
}

// Most unit files wait on child processes, servers and SQLite rather than the CPU, so one more
// file than there are cores keeps both busy, up to 4 at once: each file starts servers, worker
// pools or Chromium, and a wider fan-out only makes them wait on each other. Interop shares one
// Prefect server, so one at a time.
const concurrency = tier === "interop" ? "1" : String(Math.min(4, Math.max(2, usableCpus() + 1)));
console.error(`run-tests: ${files.length} ${tier} files, ${concurrency} at a time`);
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", `--test-concurrency=${concurrency}`, ...files],
  { stdio: "inherit", env: { ...process.env, CALL_COACH_TEST: "1" } },
);
process.exit(result.status ?? 1);
