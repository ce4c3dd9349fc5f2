/** Runs a child process to completion, collecting its output, for tests that drive real programs. */
import { type ChildProcess, spawn } from "node:child_process";

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface RunOptions {
  env: Record<string, string>;
  cwd?: string;
  /** Killed (SIGKILL) and rejected after this long; the default is a minute. */
  timeoutMs?: number;
  /** What the timeout error calls the process; the command by default. */
  label?: string;
  onSpawn?: (child: ChildProcess) => void;
}

export function runProcess(command: string, args: string[], options: RunOptions): Promise<ProcessResult> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env,
      cwd: options.cwd,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${options.label ?? command} did not finish within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
    options.onSpawn?.(child);
  });
}
