/**
 * Where a transcript is parsed and analysed. Tests and in-process services do it on the calling
 * thread; `serve`, `mcp serve` and batch runs hand it to a pool of worker threads
 * (analysis-worker.ts), so a 10 MB upload never stops the main thread from answering /health,
 * pages and /mcp.
 *
 * One worker task parses AND analyzes (analysis.ts `parseAndAnalyze`): the parsed call stays in
 * the worker, and only the report and the call's stored form come back. Between parsing and
 * analysing, the worker asks the main thread over a MessagePort whether the analysis is needed
 * (the cache check reads the call store, which lives on the main thread). Storage stays on the
 * main thread, in one transaction, so a worker stopped midway leaves nothing half-written.
 */
import { MessageChannel } from "node:worker_threads";
import type { CompetitorDefinition } from "../analyze/competitors.js";
import type { Config, WorkerSettings } from "../config/env.js";
import { reviveError } from "../errors.js";
import type { Runtime } from "../pipeline/runtime.js";
import { type IngestOutput, type IngestTask, type ParsedIdentity, parseAndAnalyze } from "./analysis.js";
import { WorkerPool } from "./worker-pool.js";

export type Proceed = (identity: ParsedIdentity) => Promise<boolean>;

export interface AnalysisExecutor {
  /** Null when `proceed` declined the analysis (a cache hit, or the same call already running). */
  ingest(task: IngestTask, proceed: Proceed, signal?: AbortSignal): Promise<IngestOutput | null>;
  /** Workers, tasks running and tasks waiting (in-process: none of either, shown as zero workers). */
  stats(): { workers: number; running: number; queued: number };
  close(): Promise<void>;
}

/** In-process: for tests and in-process services, where there is no server to keep answering. */
export function inProcessExecutor(
  runtime: Runtime,
  competitors: CompetitorDefinition[] | undefined,
): AnalysisExecutor {
  return {
    ingest: (task, proceed) => parseAndAnalyze(runtime, task, proceed, competitors),
    stats: () => ({ workers: 0, running: 0, queued: 0 }),
    close: async () => {},
  };
}

export interface WorkerData {
  config: Config;
  competitors: CompetitorDefinition[] | null;
}

/**
 * A worker's young generation (V8's nursery, where parsing and analysis allocate short-lived
 * objects). Node's default lets it grow to tens of MB per worker and lets more garbage survive
 * into the old generation. Measured on the 10 MB upload (bench server-load): the worker's resident
 * size after the analysis fell from 419 to 329 MB with 8 MB; the time stayed within run-to-run noise.
 */
const YOUNG_GENERATION_MB = 8;

/** The message a worker gets: the task, and its end of the channel `proceed` is asked over. */
export interface WorkerTask {
  task: IngestTask;
  port: import("node:worker_threads").MessagePort;
}

/** The worker pool. `ready()` resolves once every worker has opened its knowledge base. */
export function poolExecutor(
  data: WorkerData,
  settings: WorkerSettings,
): AnalysisExecutor & { ready(): Promise<void>; pool: WorkerPool } {
  const pool = new WorkerPool({
    script: workerScript(),
    workerData: data,
    size: settings.workers,
    maxQueue: settings.queue,
    timeoutMs: settings.timeoutMs,
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    reviveError,
  });
  return {
    pool,
    ready: () => pool.ready(),
    ingest: async (task, proceed, signal) => {
      const { port1, port2 } = new MessageChannel();
      // An error of the main thread's own check (the store) is the task's error, not the worker's.
      let failure: unknown = null;
      port1.on("message", (identity: ParsedIdentity) => {
        proceed(identity).then(
          (go) => port1.postMessage(go),
          (err: unknown) => {
            failure = err;
            port1.postMessage(false);
          },
        );
      });
      try {
        const out = await pool.run<IngestOutput | null>({ task, port: port2 } satisfies WorkerTask, signal, [
          port2,
        ]);
        if (failure) throw failure;
        return out;
      } finally {
        port1.close();
      }
    },
    stats: () => {
      const s = pool.stats;
      return { workers: s.size, running: s.busy, queued: s.queued };
    },
    close: () => pool.close(),
  };
}

/** The worker's module beside this one: .js when built, .ts when run through tsx (tests, benches). */
function workerScript(): URL {
  const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
  return new URL(`./analysis-worker.${ext}`, import.meta.url);
}
