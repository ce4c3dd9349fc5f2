/** Test homes (CALL_COACH_HOME) with the fixture docs synced, and the CLI run as a real process. */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { openKnowledgeBase } from "../../../src/knowledge/local/knowledge-base.js";
import { syncFromDirectory } from "../../../src/knowledge/local/sync-dir.js";
import { ensurePackIndexed } from "../../../src/knowledge/pack/pack-index.js";
import { writeToyJudgeModel } from "../../support/toy-judge-model.js";

export const ROOT = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
export const CLI = join(ROOT, "dist/interfaces/cli/main.js");
export const FIXTURE_DOCS = join(ROOT, "test/service/fixtures/docs");
export const DOCS_BASE = "https://docs.prefect.io";

/**
 * A fresh home with the fixture docs (and the bundled pack, when present) in its knowledge base,
 * and the toy judge model (test/support/toy-judge-model.ts): these tests are about what happens
 * around a verdict, so the verdicts must not move when the fitted model is refitted.
 */
export async function makeHome(prefix = "cc-service-"): Promise<string> {
  const home = mkdtempSync(join(tmpdir(), prefix));
  writeToyJudgeModel(home);
  const kb = openKnowledgeBase(home);
  try {
    await ensurePackIndexed(kb);
    await syncFromDirectory(kb, { dir: FIXTURE_DOCS, baseUrl: DOCS_BASE });
  } finally {
    kb.close();
  }
  return home;
}

export function removeHome(home: string): void {
  rmSync(home, { recursive: true, force: true });
}

/** Environment for a child: the home, no API keys or MCP settings leaking in from the developer's shell. */
export function childEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(CALL_COACH_|PREFECT_|ANTHROPIC_|OPENAI_)/.test(k)) continue;
    env[k] = v;
  }
  return {
    ...env,
    CALL_COACH_HOME: home,
    CALL_COACH_KNOWLEDGE: "local",
    CALL_COACH_JUDGE_MODEL: join(home, "toy-judge-model.json"),
    ...extra,
  };
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  home: string,
  options: { cwd?: string; env?: Record<string, string> } = {},
): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: childEnv(home, options.env),
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface RunningServe {
  url: string;
  child: ChildProcess;
  /** Everything the server wrote to stderr so far. */
  logs(): string;
  stop(): Promise<number | null>;
}

/** `call-coach <args>` as a server on a free port; resolves once it prints its URL. */
export function startCliServer(
  args: string[],
  home: string,
  env: Record<string, string> = {},
): Promise<RunningServe> {
  const child = spawn(process.execPath, [CLI, ...args, "--port", "0"], {
    cwd: ROOT,
    env: childEnv(home, env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  return new Promise((resolvePromise, reject) => {
    // A liveness guard, not a timing check: a server starts in about a second here, but a CI
    // machine starting many test files at once can take far longer.
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`server did not start within 120 s: ${stderr}`));
    }, 120_000);
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      if (m && timer) {
        clearTimeout(timer);
        resolvePromise({
          url: m[1]!,
          child,
          logs: () => stderr,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done(child.exitCode);
              child.once("exit", (code) => done(code));
              child.kill("SIGTERM");
            }),
        });
      }
    });
    child.stdout!.resume();
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${stderr}`));
    });
  });
}
