/**
 * The real peers of the interop tier: a Prefect server on 127.0.0.1 (temporary PREFECT_HOME)
 * seeded with a flow, a deployment and flow runs through the Prefect Python client, and our docs
 * MCP server over a synced knowledge base, for the real Prefect MCP server to proxy to.
 * The Python side lives in a virtualenv made by .ci/run (CALL_COACH_INTEROP_VENV, default
 * .venv-interop) from test/interop/requirements.txt.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { descendantPids, terminate } from "../../../src/knowledge/mcp/process-tree.js";
import {
  cleanEnv,
  FIXTURE_DOCS,
  freePort,
  ROOT,
  runCli,
  sleep,
  startDocsServerHttp,
  tempDir,
} from "../../support/mcp-helpers.js";
import { runProcess } from "../../support/process.js";

export const VENV = process.env.CALL_COACH_INTEROP_VENV ?? join(ROOT, ".venv-interop");
const bin = (name: string) => join(VENV, "bin", name);

export interface Seeded {
  flow_id: string;
  deployment_id: string;
  scheduled_runs: string[];
  completed_run: string;
  flow: string;
  pool: string;
  deployment: string;
}

export interface PrefectStack {
  apiUrl: string;
  docsUrl: string;
  /** JSON lines of the queries our docs server received. */
  docsLog: string;
  /** CALL_COACH_HOME with the fixture docs synced. */
  home: string;
  /** A PREFECT_HOME for MCP server processes (kept apart from the server's). */
  mcpPrefectHome: string;
  seeded: Seeded;
  prefectMcpServer: string;
  /** Environment for a prefect-mcp-server process (or for Call Coach, which passes PREFECT_* on). */
  serverEnv(extra?: Record<string, string>): Record<string, string>;
  stop(): Promise<void>;
}

export function assertVenv(): void {
  for (const name of ["python", "prefect", "prefect-mcp-server"]) {
    if (!existsSync(bin(name))) {
      throw new Error(
        `${bin(name)} is missing: create the interop virtualenv first (bash .ci/run does):\n` +
          `  python3 -m venv .venv-interop && .venv-interop/bin/pip install -r test/interop/requirements.txt`,
      );
    }
  }
}

export async function startPrefectStack(): Promise<PrefectStack> {
  assertVenv();
  const tmp = tempDir("cc-interop-");
  const prefectHome = join(tmp.path, "prefect-server");
  const mcpPrefectHome = join(tmp.path, "prefect-mcp");
  mkdirSync(prefectHome);
  mkdirSync(mcpPrefectHome);
  const port = await freePort();
  const apiUrl = `http://127.0.0.1:${port}/api`;
  const quiet = {
    PREFECT_SERVER_ANALYTICS_ENABLED: "false",
    PREFECT_UI_ENABLED: "false",
    DO_NOT_TRACK: "1",
  };
  let server: ChildProcess | null = null;
  let docs: Awaited<ReturnType<typeof startDocsServerHttp>> | null = null;
  let serverLog = "";
  const stop = async () => {
    await docs?.stop();
    if (server?.pid) await terminate([server.pid, ...descendantPids(server.pid)], 5_000);
    tmp.remove();
  };
  try {
    server = spawn(bin("prefect"), ["server", "start", "--host", "127.0.0.1", "--port", String(port)], {
      env: cleanEnv({ PREFECT_HOME: prefectHome, ...quiet }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout!.on("data", (d) => {
      serverLog = (serverLog + d).slice(-4000);
    });
    server.stderr!.on("data", (d) => {
      serverLog = (serverLog + d).slice(-4000);
    });
    await waitForHealth(`${apiUrl}/health`, server, () => serverLog, 180_000);

    const seed = await runProcess(
      bin("python"),
      [join(ROOT, "test", "interop", "fixtures", "seed_prefect.py")],
      {
        // The flow's INFO log line is what the logs test looks for: keep Prefect's default log level.
        env: cleanEnv({ PREFECT_API_URL: apiUrl, PREFECT_HOME: mcpPrefectHome, ...quiet }),
        cwd: join(ROOT, "test", "interop", "fixtures"),
        timeoutMs: 120_000,
      },
    );
    if (seed.code !== 0) throw new Error(`seeding Prefect failed:\n${seed.stderr.slice(-3000)}`);
    const seeded = JSON.parse(seed.stdout.trim().split("\n").pop() ?? "{}") as Seeded;

    const home = join(tmp.path, "call-coach");
    const sync = await runCli(
      ["docs", "sync", "--from-dir", FIXTURE_DOCS, "--base-url", "https://docs.prefect.io"],
      cleanEnv({ CALL_COACH_HOME: home }),
    );
    if (sync.code !== 0) throw new Error(`docs sync failed: ${sync.stderr}`);
    const docsLog = join(tmp.path, "docs-queries.jsonl");
    docs = await startDocsServerHttp(home, { extra: ["--log-queries", docsLog] });
    const docsUrl = docs.url;

    return {
      apiUrl,
      docsUrl,
      docsLog,
      home,
      mcpPrefectHome,
      seeded,
      prefectMcpServer: bin("prefect-mcp-server"),
      serverEnv: (extra = {}) =>
        cleanEnv({
          PREFECT_HOME: mcpPrefectHome,
          PREFECT_DOCS_MCP_URL: docsUrl,
          FASTMCP_SHOW_SERVER_BANNER: "false",
          FASTMCP_CHECK_FOR_UPDATES: "off",
          ...quiet,
          ...extra,
        }),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function waitForHealth(
  url: string,
  child: ChildProcess,
  log: () => string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: server exited (${child.exitCode}):\n${log()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await sleep(500);
  }
  throw new Error(`${url} not healthy within ${timeoutMs} ms:\n${log()}`);
}

/** Starts the real Prefect MCP server over Streamable HTTP on a free port. */
export async function startPrefectMcpHttp(
  stack: PrefectStack,
  env: Record<string, string>,
  marker: string,
): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(stack.prefectMcpServer, [marker], {
    env: { ...env, FASTMCP_TRANSPORT: "http", FASTMCP_HOST: "127.0.0.1", FASTMCP_PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (d) => {
    log = (log + d).slice(-4000);
  });
  child.stderr!.on("data", (d) => {
    log = (log + d).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}/mcp`;
  const stop = async () => {
    if (child.pid) await terminate([child.pid, ...descendantPids(child.pid)], 3_000);
  };
  try {
    // Any HTTP answer (a 4xx for a bare GET) means uvicorn is listening.
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`prefect-mcp-server exited (${child.exitCode}):\n${log}`);
      try {
        await fetch(url, { signal: AbortSignal.timeout(2_000) });
        break;
      } catch {
        if (Date.now() > deadline) throw new Error(`prefect-mcp-server did not listen on ${url}:\n${log}`);
        await sleep(300);
      }
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, stop };
}
