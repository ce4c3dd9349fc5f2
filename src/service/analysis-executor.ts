/**
 * Where a transcript is parsed and analysed. The CLI's one-off runs do it in-process; `serve`,
 * `mcp serve` and batch runs hand it to a pool of worker threads (analysis-worker.ts), so a
 * 10 MB upload never stops the main thread from answering /health, pages and /mcp.
 * Storage stays on the main thread: a worker returns the parsed call and the report, and the
 * service stores them in one transaction, so a worker stopped midway leaves nothing half-written.
 */
import type { CompetitorDefinition } from "../analyze/competitors.js";
import type { Config, WorkerSettings } from "../config/env.js";
import { InputError, ServiceError, UsageError } from "../errors.js";
import type { Call } from "../model/call.js";
import type { Report } from "../model/report.js";
import { parseTranscript } from "../parse/index.js";
import { analyzeCall } from "../pipeline/analyze-call.js";
import type { Runtime } from "../pipeline/runtime.js";
import { profileLexicon } from "../product/lexicon.js";
import { classifyObjectionAnswers, type ObjectionAnswer } from "./objection-answers.js";
import { type SerializedError, WorkerPool } from "./worker-pool.js";

export interface ParseTask {
  bytes: Uint8Array;
  fileName: string | null;
  internal: string[];
  companyDomain: string | null;
}

export interface AnalyzeOutput {
  report: Report;
  durationMs: number;
  objectionOutcomes: Map<string, ObjectionAnswer>;
}

export interface AnalysisExecutor {
  parse(task: ParseTask, signal?: AbortSignal): Promise<Call>;
  analyze(call: Call, signal?: AbortSignal): Promise<AnalyzeOutput>;
  /** Workers, tasks running and tasks waiting (in-process: none of either, shown as zero workers). */
  stats(): { workers: number; running: number; queued: number };
  close(): Promise<void>;
}

export function parseTask(task: ParseTask): Call {
  return parseTranscript(Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength), {
    fileName: task.fileName,
    internal: task.internal,
    companyDomain: task.companyDomain,
  });
}

export async function analyzeTask(
  runtime: Runtime,
  call: Call,
  competitors: CompetitorDefinition[] | undefined,
): Promise<AnalyzeOutput> {
  const started = performance.now();
  const { report } = await analyzeCall(call, {
    judge: runtime.judge,
    profile: runtime.profile,
    knowledge: runtime.gateway(),
    llm: runtime.llm,
    ...(competitors ? { competitors } : {}),
  });
  return {
    report,
    durationMs: performance.now() - started,
    objectionOutcomes: classifyObjectionAnswers(call, report.objections, profileLexicon(runtime.profile)),
  };
}

/** In-process: for the one-off CLI runs and tests, where there is no server to keep answering. */
export function inProcessExecutor(
  runtime: Runtime,
  competitors: CompetitorDefinition[] | undefined,
): AnalysisExecutor {
  return {
    parse: async (task) => parseTask(task),
    analyze: (call) => analyzeTask(runtime, call, competitors),
    stats: () => ({ workers: 0, running: 0, queued: 0 }),
    close: async () => {},
  };
}

export interface WorkerData {
  config: Config;
  competitors: CompetitorDefinition[] | null;
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
    reviveError,
  });
  return {
    pool,
    ready: () => pool.ready(),
    parse: (task, signal) => pool.run<Call>({ kind: "parse", task }, signal),
    analyze: (call, signal) => pool.run<AnalyzeOutput>({ kind: "analyze", call }, signal),
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

/** Errors keep their type across the thread boundary, so bad input is still a 400 / exit 2 / tool error. */
function reviveError(e: SerializedError): Error {
  if (e.name === "InputError") {
    // The message is already "file: reason"; keep it, and the field for the HTTP error body.
    const err = new InputError(e.message, {});
    Object.assign(err, { location: e.location ?? {} });
    return err;
  }
  if (e.name === "UsageError") return new UsageError(e.message);
  if (e.name === "ServiceError") {
    const err = new ServiceError("x", "", { code: e.code ?? "service_error" });
    err.message = e.message;
    return err;
  }
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}
