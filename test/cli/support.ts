/** Runs the built CLI (dist/interfaces/cli/main.js) as a user would, in an isolated home. */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..", "..");
export const CLI = join(ROOT, "dist", "interfaces", "cli", "main.js");
export const TRANSCRIPTS = join(ROOT, "test", "fixtures", "transcripts");
export const EXAMPLES = join(ROOT, "examples");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliSandbox {
  dir: string;
  run(args: string[], env?: Record<string, string>): Promise<CliResult>;
  close(): Promise<void>;
}

/**
 * A temporary folder used as working directory and CALL_COACH_HOME, with the environment
 * stripped of anything that would reach outside (MCP, LLM keys) or change sides (company domain).
 */
export async function cliSandbox(): Promise<CliSandbox> {
  const dir = await mkdtemp(join(tmpdir(), "cc-cli-"));
  const baseEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^(CALL_COACH_|PREFECT_|ANTHROPIC_|OPENAI_)/.test(k)) continue;
    baseEnv[k] = v;
  }
  baseEnv.CALL_COACH_HOME = join(dir, "home");
  baseEnv.CALL_COACH_KNOWLEDGE = "local";
  return {
    dir,
    run(args, env = {}) {
      return new Promise((resolve) => {
        execFile(
          process.execPath,
          [CLI, ...args],
          { cwd: dir, env: { ...baseEnv, ...env }, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 },
          (err, stdout, stderr) => {
            const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
            resolve({ code, stdout, stderr });
          },
        );
      });
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
}

/** stderr lines that are not warnings. */
export const errorLines = (stderr: string) =>
  stderr.split("\n").filter((l) => l && !l.startsWith("call-coach: warning:"));
export const warningLines = (stderr: string) =>
  stderr.split("\n").filter((l) => l.startsWith("call-coach: warning:"));
