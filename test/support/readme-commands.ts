/**
 * The README's shell commands as tests: every fenced `bash`/`sh` block, with the marker on the line
 * before it (an HTML comment) saying how it runs. The conventions are in docs/development.md:
 *   (none)                          unit tier: needs only the clone, no network
 *   <!-- needs: shared -->          data tier (../shared, or CALL_COACH_SHARED_DIR)
 *   <!-- needs: product-profile --> unit tier once products/prefect/ is in the clone
 *   <!-- server -->                 one command that serves until stopped; run with --port 0
 *   <!-- not run: REASON -->        listed, not run
 * Blocks run in README order with `bash -euo pipefail`, from a scratch project root (links to
 * the clone's files, so reports written there stay out of the clone), in one temporary
 * CALL_COACH_HOME, without any CALL_COACH_, PREFECT_, LLM or Gong variable of the caller.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { runProcess } from "./process.js";

export const ROOT = resolve(import.meta.dirname, "..", "..");

export type BlockKind = "unit" | "shared" | "product-profile" | "server" | "not-run" | "unknown";

export interface ReadmeBlock {
  /** 1-based line of the opening fence. */
  line: number;
  script: string;
  kind: BlockKind;
  /** The marker as written (without the comment delimiters), or null. */
  marker: string | null;
  /** For `not run`, the reason. */
  reason: string | null;
}

const MARKER = /^<!--\s*(.*?)\s*-->\s*$/;

export function readmeBlocks(path = join(ROOT, "README.md")): ReadmeBlock[] {
  const lines = readFileSync(path, "utf8").split("\n");
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (end < 0) throw new Error(`README.md:${i + 1}: code block never closed`);
    const lang = open[1];
    if (lang === "bash" || lang === "sh") {
      const marker = MARKER.exec(lines[i - 1] ?? "")?.[1] ?? null;
      blocks.push({ line: i + 1, script: lines.slice(i + 1, end).join("\n"), ...classify(marker), marker });
    }
    i = end;
  }
  return blocks;
}

function classify(marker: string | null): { kind: BlockKind; reason: string | null } {
  if (marker == null) return { kind: "unit", reason: null };
  if (marker === "needs: shared") return { kind: "shared", reason: null };
  if (marker === "needs: product-profile") return { kind: "product-profile", reason: null };
  if (marker === "server") return { kind: "server", reason: null };
  const notRun = /^not run:\s*(.+)$/.exec(marker);
  if (notRun) return { kind: "not-run", reason: notRun[1]! };
  return { kind: "unknown", reason: null };
}

/** The block's first command, for test names. */
export function firstCommand(block: ReadmeBlock): string {
  return (
    block.script
      .split("\n")
      .map((l) => l.trim())
      .find((l) => l && !l.startsWith("#")) ?? ""
  ).replace(/\s+#.*$/, "");
}

export interface Sandbox {
  /** The scratch project root: the working directory of every block. */
  dir: string;
  env: Record<string, string>;
  close(): void;
}

/**
 * A scratch project root whose entries link to the clone's (except .git and .env: a developer's
 * .env must not configure the run), with its own CALL_COACH_HOME.
 */
function sandbox(): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), "cc-readme-"));
  for (const name of readdirSync(ROOT)) {
    if (name === ".git" || name === ".env") continue;
    symlinkSync(join(ROOT, name), join(dir, name));
  }
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^(CALL_COACH_|PREFECT_|ANTHROPIC_|OPENAI_|GONG_)/.test(k)) continue;
    env[k] = v;
  }
  env.CALL_COACH_HOME = join(dir, ".home");
  // npm and npx must never reach for the registry: a command that would is a failing command.
  env.npm_config_offline = "true";
  env.npm_config_update_notifier = "false";
  // `npx call-coach` from a folder that is not the clone's real path installs that folder into
  // npm's npx cache as a `file:` package, and the install runs its `prepare` script: `tsc`
  // rewriting the clone's dist/ (through the links) while other test files start the CLI from it.
  // A CLI that loads a half-written module fails ("does not provide an export named …"). The clone
  // is built before the tests start, so the sandbox's installs run no scripts.
  env.npm_config_ignore_scripts = "true";
  return { dir, env, close: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * When the clone's build output and its `call-coach` link were last written: the newest
 * modification time under dist/ and of node_modules/.bin/call-coach. Running the README's
 * commands must leave it as it was (see `npm_config_ignore_scripts` in `sandbox`).
 */
function buildStamp(): number {
  let newest = lstatSync(join(ROOT, "node_modules", ".bin", "call-coach")).mtimeMs;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else newest = Math.max(newest, lstatSync(path).mtimeMs);
    }
  };
  walk(join(ROOT, "dist"));
  return newest;
}

/**
 * A suite of README blocks run from one scratch root: `body` registers the block tests (each
 * reaches the root through `box()`), and a last test checks that the clone's build was not
 * rewritten meanwhile. Other test files start the CLI from dist/: a rebuild under them fails
 * them at random.
 */
export function readmeSuite(name: string, body: (box: () => Sandbox) => void): void {
  describe(name, () => {
    let current: Sandbox | null = null;
    let stamp = 0;
    before(() => {
      current = sandbox();
      stamp = buildStamp();
    });
    after(() => current?.close());
    body(() => current!);
    test("running these README commands leaves the clone's build untouched", () => {
      assert.equal(
        buildStamp(),
        stamp,
        "dist/ or node_modules/.bin/call-coach was rewritten by a README block",
      );
    });
  });
}

/** `../shared` in a command is the shared data folder: CALL_COACH_SHARED_DIR when set. */
export function withSharedDir(script: string, sharedDir: string): string {
  return script.replaceAll("../shared/", `${sharedDir.replace(/\/$/, "")}/`);
}

export interface BlockResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a block as one bash script; `set -x` puts each command on stderr before it runs. */
export async function runBlock(script: string, box: Sandbox, timeoutMs = 240_000): Promise<BlockResult> {
  const r = await runProcess("bash", ["-euo", "pipefail", "-x", "-c", script], {
    env: box.env,
    cwd: box.dir,
    timeoutMs,
    label: `README block: ${script.split("\n")[0]}`,
  });
  return { code: r.code, stdout: r.stdout, stderr: r.stderr };
}

/** Why a block failed, short enough to read: the command trace and the end of stderr. */
export function failure(block: ReadmeBlock, r: BlockResult): string {
  return `README.md:${block.line}: block exited ${r.code}\n${block.script}\n--- stderr (end) ---\n${r.stderr.slice(-3000)}`;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * A server block: its one command with `--port 0` appended (a free port: tests run side by side),
 * started in its own process group. Resolves with the URL it prints once it listens.
 */
export function startServerBlock(
  block: ReadmeBlock,
  box: Sandbox,
): Promise<{ url: string; child: ChildProcess; stderr: () => string; exited: Promise<Exit> }> {
  const command = block.script.trim();
  if (command.includes("\n") || command.includes("#"))
    throw new Error(`README.md:${block.line}: a server block holds one command and no comment`);
  const child = spawn("bash", ["-euo", "pipefail", "-c", `${command} --port 0`], {
    env: box.env,
    cwd: box.dir,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let stderr = "";
  const exited = new Promise<Exit>((res) => child.on("close", (code, signal) => res({ code, signal })));
  return new Promise((resolveStart, reject) => {
    child.stdout!.resume();
    child.stderr!.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
      const m = /serving on (http:\/\/\S+?)[\s,(]/.exec(stderr);
      if (m) {
        const url = m[1]!.replace("//0.0.0.0:", "//127.0.0.1:").replace("//[::]:", "//127.0.0.1:");
        resolveStart({ url, child, stderr: () => stderr, exited });
      }
    });
    void exited.then((exit) =>
      reject(
        new Error(
          `README.md:${block.line}: server ended (${exit.code ?? exit.signal}) before listening\n${stderr}`,
        ),
      ),
    );
  });
}

/** SIGINT to the block's whole process group (bash, npx, node): what Ctrl-C in a terminal sends. */
export function stopProcessGroup(child: ChildProcess): void {
  if (child.pid) process.kill(-child.pid, "SIGINT");
}
