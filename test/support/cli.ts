/** Runs the built `call-coach` CLI (npm test builds first) with its own data folder. */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runProcess } from "./process.js";

export const CLI = join(process.cwd(), "dist", "interfaces", "cli", "main.js");

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", ...env },
    timeout: 60_000,
    // Reports of long calls run to several MB (spawnSync's default buffer is 1 MB).
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = "call-coach-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Like runCli, without blocking the event loop (needed when this process also serves HTTP). */
export async function runCliAsync(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const r = await runProcess(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    label: `call-coach ${args.join(" ")}`,
  });
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
}
