/**
 * The one analysis path. Every interface reaches the pipeline through these two functions: the
 * CLI's one-off `analyze` calls `analyzeParsedCall`; ingesting (batch, HTTP, web, MCP) runs
 * `parseAndAnalyze` in-process or in a worker thread (analysis-executor.ts).
 */
import type { CompetitorDefinition } from "../analyze/competitors.js";
import type { Call } from "../model/call.js";
import type { Report } from "../model/report.js";
import { parseTranscript } from "../parse/index.js";
import { analyzeCall } from "../pipeline/analyze-call.js";
import type { Runtime } from "../pipeline/runtime.js";
import { profileLexicon } from "../product/lexicon.js";
import { type CallRecord, toCallRecord } from "../storage/call-record.js";
import { callKeyOf, fillIdentity } from "./call-identity.js";
import { classifyObjectionAnswers, type ObjectionAnswer } from "./objection-answers.js";

export interface AnalysisOutput {
  report: Report;
  durationMs: number;
}

/** One parsed call through the pipeline with the runtime's knowledge, judge and LLM. */
export async function analyzeParsedCall(
  runtime: Runtime,
  call: Call,
  competitors: CompetitorDefinition[] | undefined,
): Promise<AnalysisOutput> {
  const started = performance.now();
  const { report } = await analyzeCall(call, {
    judge: runtime.judge,
    profile: runtime.profile,
    knowledge: runtime.gateway(),
    llm: runtime.llm,
    ...(competitors ? { competitors } : {}),
  });
  return { report, durationMs: performance.now() - started };
}

export interface IngestTask {
  bytes: Uint8Array;
  fileName: string | null;
  internal: string[];
  companyDomain: string | null;
  /** SHA-256 of the bytes (computed once, by the caller). */
  hash: string;
  /** The caller's own key for the call (API `call_id`), if any. */
  callKey: string | null;
}

/** What is known right after parsing: enough to decide whether the analysis is needed at all. */
export interface ParsedIdentity {
  callKey: string;
  warnings: string[];
}

/** Everything storing an analysis needs; small next to the parsed call it replaces. */
export interface IngestOutput extends AnalysisOutput {
  call: CallRecord;
  warnings: string[];
  objectionOutcomes: Map<string, ObjectionAnswer>;
}

/**
 * Parses a transcript, asks `proceed` (the service's cache check) whether to analyze it, and if
 * so analyzes it. Returns null when `proceed` said no. Parsing and analysis run in the same
 * thread, so the parsed call is never copied between threads; what leaves is the report and
 * the call's stored form.
 */
export async function parseAndAnalyze(
  runtime: Runtime | Promise<Runtime>,
  task: IngestTask,
  proceed: (identity: ParsedIdentity) => Promise<boolean>,
  competitors: CompetitorDefinition[] | undefined,
): Promise<IngestOutput | null> {
  const call = parseTranscript(Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength), {
    fileName: task.fileName,
    internal: task.internal,
    companyDomain: task.companyDomain,
  });
  fillIdentity(call, task.fileName, task.hash);
  const identity = {
    callKey: callKeyOf(call, task.fileName, task.hash, task.callKey),
    warnings: call.warnings,
  };
  if (!(await proceed(identity))) return null;
  const open = await runtime;
  const { report, durationMs } = await analyzeParsedCall(open, call, competitors);
  return {
    report,
    durationMs,
    call: toCallRecord(call),
    warnings: call.warnings,
    objectionOutcomes: classifyObjectionAnswers(call, report.objections, profileLexicon(open.profile)),
  };
}
