/** Helpers for tests that run real MCP server processes and the built CLI. */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ProcessResult, runProcess } from "./process.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const CLI = join(ROOT, "dist", "interfaces", "cli", "main.js");
export const FAULT_SERVER = join(ROOT, "test", "support", "fault-mcp-server.mjs");
export const FIXTURE_DOCS = join(ROOT, "test", "fixtures", "docs");
export { SHARED_DOCS, SHARED_EVAL_CALLS as EVAL_CALLS } from "../../scripts/shared-data.js";

export type CliResult = ProcessResult;

/** Environment for a CLI run: the caller's, minus anything that would pick another MCP/LLM setup. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined) continue;
    if (/^(PREFECT_|CALL_COACH_|ANTHROPIC_|OPENAI_)/.test(k)) continue;
    env[k] = v;
  }
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

export function runCli(
  args: string[],
  env: Record<string, string>,
  options: { timeoutMs?: number; onSpawn?: (child: ChildProcess) => void } = {},
): Promise<CliResult> {
  return runProcess(process.execPath, [CLI, ...args], {
    env,
    cwd: ROOT,
    label: `call-coach ${args.join(" ")}`,
    ...options,
  });
}

export function tempDir(prefix = "cc-mcp-"): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A CALL_COACH_HOME with the fixture docs synced into its knowledge base. */
export async function homeWithFixtureDocs(): Promise<{ path: string; remove(): void }> {
  const home = tempDir("cc-home-");
  const r = await runCli(
    ["docs", "sync", "--from-dir", FIXTURE_DOCS, "--base-url", "https://docs.prefect.io"],
    cleanEnv({ CALL_COACH_HOME: home.path }),
  );
  if (r.code !== 0) throw new Error(`docs sync failed: ${r.stderr}`);
  return home;
}

/** Command line for the fault server (quoted for PREFECT_MCP_COMMAND). */
export function faultServerCommand(mode: string, marker: string, extra: string[] = []): string {
  return [process.execPath, FAULT_SERVER, "--mode", mode, "--marker", marker, ...extra].map(quote).join(" ");
}

/** Command line that runs our docs server over stdio. */
export function docsServerCommand(home: string, extra: string[] = []): string {
  return [process.execPath, CLI, "mcp", "docs-server", "--stdio", "--home", home, ...extra]
    .map(quote)
    .join(" ");
}

function quote(s: string): string {
  return /[\s'"]/.test(s) ? `"${s}"` : s;
}

/** pids of live processes whose command line or environment contains `marker`. */
export function processesWith(
  marker: string,
  where: "cmdline" | "cmdline+environ" = "cmdline+environ",
): number[] {
  const out: number[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d) || Number(d) === process.pid) continue;
    try {
      let cmdline = readFileSync(`/proc/${d}/cmdline`, "utf8").replace(/\0/g, " ");
      try {
        if (where === "cmdline+environ") cmdline += readFileSync(`/proc/${d}/environ`, "utf8");
      } catch {
        // another user's process: its command line is enough
      }
      const state = readFileSync(`/proc/${d}/stat`, "utf8");
      const zombie = state.slice(state.lastIndexOf(")") + 2, state.lastIndexOf(")") + 3) === "Z";
      if (!zombie && cmdline.includes(marker)) out.push(Number(d));
    } catch {
      // process ended while we looked
    }
  }
  return out;
}

/** Waits until no process carries the marker (children may take a moment to exit). */
export async function waitForNoProcesses(marker: string, timeoutMs = 30_000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let left = processesWith(marker);
  while (left.length && Date.now() < deadline) {
    await sleep(100);
    left = processesWith(marker);
  }
  return left;
}

export async function waitFor<T>(
  probe: () => T | undefined | null | false,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export function readJsonLines<T>(path: string): T[] {
  let text = "";
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return [];
  }
  return text
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

export function uniqueMarker(name: string): string {
  return `cc-test-${name}-${process.pid}-${Date.now().toString(36)}`;
}

/** Starts `call-coach mcp docs-server --port 0` and resolves with its URL once it listens. */
export async function startDocsServerHttp(
  home: string,
  options: { port?: number; extra?: string[] } = {},
): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const args = [
    "mcp",
    "docs-server",
    "--port",
    String(options.port ?? 0),
    "--home",
    home,
    ...(options.extra ?? []),
  ];
  const child = spawn(process.execPath, [CLI, ...args], {
    env: cleanEnv(),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  const url = await new Promise<string>((resolve, reject) => {
    // A liveness guard, not a timing check (see startCliServer in test/service/support/home.ts).
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`docs server did not start within 120 s: ${stderr}`));
    }, 120_000);
    child.stderr!.on("data", (d) => {
      stderr += d;
      const m = /listening on (http:\/\/\S+)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`docs server exited (${code}): ${stderr}`));
    });
  });
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
