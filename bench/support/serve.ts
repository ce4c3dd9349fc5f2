/**
 * What the service benches share: where the built CLI and the docs are, and a `call-coach serve`
 * child on a free port of 127.0.0.1.
 */
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export { SHARED_DOCS } from "../../scripts/shared-data.js";

export const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const CLI = join(ROOT, "dist/interfaces/cli/main.js");
/** Small docs for a knowledge base when the shared snapshot is absent. */
export const FIXTURE_DOCS = join(ROOT, "test/service/fixtures/docs");

export interface ServeChild {
  url: string;
  pid: number;
  /** SIGTERM, resolved when the process has exited. */
  stop(): Promise<void>;
}

/** Starts `call-coach serve --port 0` and resolves with its URL once it says it is serving. */
export function startServer(env: NodeJS.ProcessEnv): Promise<ServeChild> {
  const child = spawn(process.execPath, [CLI, "serve", "--port", "0"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  return new Promise((resolvePromise, reject) => {
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
      const m = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      if (!m) return;
      // The request log is not needed after start-up: stop collecting it (a bench sends thousands).
      stderr = "";
      child.stderr.removeAllListeners("data");
      child.stderr.resume();
      resolvePromise({
        url: m[1]!,
        pid: child.pid!,
        stop: () =>
          new Promise((done) => {
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
    child.once("exit", (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
}
