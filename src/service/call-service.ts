/**
 * Call Coach as a service: the one object the batch command, the HTTP API, the web UI and the
 * MCP server share. It owns the analysis runtime (knowledge base, gateway, LLM) and the call
 * store, and decides when a stored analysis can be reused (see versions.ts).
 */
import { basename } from "node:path";
import type { CompetitorDefinition } from "../analyze/competitors.js";
import type { Config } from "../config/env.js";
import { InputError } from "../errors.js";
import type { Call } from "../model/call.js";
import { type SearchResult, toSearchResult } from "../model/knowledge.js";
import type { Report } from "../model/report.js";
import { openRuntime, type Runtime } from "../pipeline/runtime.js";
import {
  type AnalysisMeta,
  type CallDetail,
  type CallListFilter,
  type CallStore,
  type CallSummary,
  openCallStore,
} from "../storage/call-store.js";
import type { IngestOutput, ParsedIdentity } from "./analysis.js";
import { type AnalysisExecutor, inProcessExecutor } from "./analysis-executor.js";
import { computeInsights, type Insights, type InsightsFilter } from "./insights.js";
import { type ClaimValidation, validateStatement } from "./validate-claim.js";
import {
  analyzerVersion,
  cacheKey,
  transcriptHash as hashTranscript,
  knowledgeVersion,
  optionsHash,
} from "./versions.js";

export interface IngestInput {
  transcript: Buffer | string;
  /** Names the input in errors and gives the call its default title. */
  fileName: string | null;
  internal?: string[];
  /** Stable identity chosen by the caller (API `call_id`); else the transcript's own id or its hash. */
  callKey?: string | null;
}

export interface IngestResult {
  callId: string;
  cached: boolean;
  analysis: AnalysisMeta;
  report: Report;
  warnings: string[];
}

export interface ServiceOptions {
  competitors?: CompetitorDefinition[];
  /** Where parsing and analysis run; in-process unless a server or batch passes its worker pool. */
  executor?: (runtime: Runtime) => AnalysisExecutor;
}

export interface IngestControl {
  /** Aborted when the client goes away: the analysis stops and nothing is stored. */
  signal?: AbortSignal;
}

export class CallCoachService {
  readonly config: Config;
  readonly runtime: Runtime;
  readonly store: CallStore;
  private readonly competitors: CompetitorDefinition[] | undefined;
  readonly executor: AnalysisExecutor;
  private readonly inFlight = new Map<string, Promise<IngestResult>>();
  private knowledgeCache: { dataVersion: number; day: string; value: string } | null = null;

  private constructor(config: Config, runtime: Runtime, store: CallStore, options: ServiceOptions) {
    this.config = config;
    this.runtime = runtime;
    this.store = store;
    this.competitors = options.competitors;
    this.executor = options.executor
      ? options.executor(runtime)
      : inProcessExecutor(runtime, options.competitors);
  }

  static async open(config: Config, options: ServiceOptions = {}): Promise<CallCoachService> {
    const runtime = await openRuntime(config);
    try {
      return new CallCoachService(config, runtime, openCallStore(config.home), options);
    } catch (err) {
      await runtime.close();
      throw err;
    }
  }

  /** Parses, analyzes and stores a transcript; an unchanged call with unchanged knowledge is a cache hit. */
  async ingest(input: IngestInput, control: IngestControl = {}): Promise<IngestResult> {
    const bytes =
      typeof input.transcript === "string" ? Buffer.from(input.transcript, "utf8") : input.transcript;
    if (!bytes.length)
      throw new InputError("transcript is empty", { file: input.fileName, field: "transcript" });
    const internal = (input.internal ?? []).map((n) => n.trim()).filter(Boolean);
    const hash = hashTranscript(bytes);
    // Everything of the cache key but the call's own key is known before parsing.
    const base = {
      transcriptHash: hash,
      knowledgeVersion: this.knowledgeVersion(),
      analyzerVersion: analyzerVersion(),
      optionsHash: optionsHash({
        internal,
        companyDomain: this.config.companyDomain,
        competitors: this.competitors ?? null,
        llm: this.runtime.llm ? `${this.runtime.llm.provider}/${this.runtime.llm.model}` : null,
      }),
    };
    // Decided once the transcript is parsed (in the executor's thread): reuse, wait for the same
    // analysis already running, or analyze (and let later identical requests wait for this one).
    let decision: AnalysisDecision | null = null;
    const proceed = async (identity: ParsedIdentity): Promise<boolean> => {
      const key = cacheKey({ ...base, callKey: identity.callKey });
      const hit = this.cachedResult(key, identity.warnings);
      if (hit) decision = { kind: "hit", result: hit };
      else {
        const pending = this.inFlight.get(key);
        if (pending) decision = { kind: "pending", result: pending };
        else {
          const done = deferred<IngestResult>();
          this.inFlight.set(key, done.promise);
          decision = { kind: "analyze", key, callKey: identity.callKey, done };
        }
      }
      return decision.kind === "analyze";
    };
    const task = {
      bytes,
      fileName: input.fileName,
      internal,
      companyDomain: this.config.companyDomain,
      hash,
      callKey: input.callKey ?? null,
    };
    let out: IngestOutput | null;
    try {
      out = await this.executor.ingest(task, proceed, control.signal);
    } catch (err) {
      this.finish(decision, err);
      throw err;
    }
    // Set by `proceed`, which TypeScript cannot see run.
    const decided = decision as AnalysisDecision | null;
    if (!decided) throw new Error("the executor returned without asking whether to analyze");
    if (decided.kind === "hit") return decided.result;
    if (decided.kind === "pending") return { ...(await decided.result), cached: true };
    if (!out) throw new Error("the executor declined an analysis it was asked to run");
    try {
      const analysis = this.store.saveAnalysis(
        {
          callKey: decided.callKey,
          call: out.call,
          fileName: input.fileName ? basename(input.fileName) : null,
          transcriptHash: hash,
          transcript: bytes,
          sideHints: { internal, companyDomain: this.config.companyDomain },
        },
        {
          cacheKey: decided.key,
          knowledgeMode: this.runtime.config.knowledgeMode,
          knowledgeVersion: base.knowledgeVersion,
          analyzerVersion: base.analyzerVersion,
          optionsHash: base.optionsHash,
          durationMs: out.durationMs,
          report: out.report,
          objectionOutcomes: out.objectionOutcomes,
        },
      );
      const result = {
        callId: analysis.call_id,
        cached: false,
        analysis,
        report: out.report,
        warnings: out.warnings,
      };
      this.finish(decided, null, result);
      return result;
    } catch (err) {
      this.finish(decided, err);
      throw err;
    }
  }

  /**
   * Analyzes a stored call again with today's knowledge and analyzer (a cache hit when nothing
   * changed), with the settings (team names) of the analysis currently shown for it.
   */
  async reanalyze(callId: string, control: IngestControl = {}): Promise<IngestResult> {
    const stored = this.store.getTranscript(callId);
    if (!stored) throw new InputError(`no stored call with id "${callId}"`, { field: "call_id" });
    return this.ingest(
      {
        transcript: stored.transcript,
        fileName: stored.fileName,
        internal: stored.sideHints.internal,
        callKey: stored.callKey.startsWith("key:") ? stored.callKey.slice(4) : null,
      },
      control,
    );
  }

  getCall(id: string): CallDetail | undefined {
    return this.store.getCall(id);
  }

  getCallModel(id: string): Call | undefined {
    return this.store.getCallModel(id);
  }

  getReport(id: string): { report: Report; analysis: AnalysisMeta } | undefined {
    return this.store.getReport(id);
  }

  /** The report as stored JSON (UTF-8 bytes): the fast path for serving reports. */
  getReportJson(id: string): Uint8Array<ArrayBuffer> | undefined {
    return this.store.getReportJson(id);
  }

  listCalls(filter: CallListFilter): { total: number; calls: CallSummary[] } {
    return this.store.listCalls(filter);
  }

  insights(filter: InsightsFilter = {}): Insights {
    return computeInsights(this.store, filter);
  }

  async searchDocs(query: string, topK = 5): Promise<SearchResult[]> {
    const hits = await this.runtime.gateway().search(stripIdentifiers(query), { topK });
    return hits.map(toSearchResult);
  }

  validateClaim(statement: string): Promise<ClaimValidation> {
    return validateStatement(statement, this.runtime.gateway(), this.runtime.profile, this.runtime.judge);
  }

  knowledgeVersion(): string {
    const db = this.runtime.kb.db;
    const dataVersion = Number(db.pragma("data_version", { simple: true }));
    const day = new Date().toISOString().slice(0, 10);
    const c = this.knowledgeCache;
    if (c && c.dataVersion === dataVersion && c.day === day) return c.value;
    const value = knowledgeVersion(this.runtime.config.knowledgeMode, this.runtime.kb);
    this.knowledgeCache = { dataVersion, day, value };
    return value;
  }

  /** Ends an analysis this request ran: requests waiting for it get its result or its error. */
  private finish(decision: AnalysisDecision | null, err: unknown, result?: IngestResult): void {
    if (decision?.kind !== "analyze") return;
    this.inFlight.delete(decision.key);
    if (result) decision.done.resolve(result);
    else decision.done.reject(err);
  }

  private cachedResult(key: string, warnings: string[]): IngestResult | null {
    const existing = this.store.findAnalysisByCacheKey(key);
    if (!existing) return null;
    this.store.setCurrentAnalysis(existing.call_id, existing.id);
    const stored = this.store.getReport(existing.call_id, existing.id);
    if (!stored) return null;
    return { callId: existing.call_id, cached: true, analysis: existing, report: stored.report, warnings };
  }

  async close(): Promise<void> {
    await this.executor.close();
    this.store.close();
    await this.runtime.close();
  }
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const PHONE = /\+?\d[\d\s().-]{6,}\d/g;

/** A typed docs query keeps its words; emails and phone numbers never leave for a docs service. */
export function stripIdentifiers(query: string): string {
  return query.replace(EMAIL, " ").replace(PHONE, " ").replace(/\s+/g, " ").trim();
}

/** What the service decided once the call was parsed (see `ingest`). */
type AnalysisDecision =
  | { kind: "hit"; result: IngestResult }
  | { kind: "pending"; result: Promise<IngestResult> }
  | { kind: "analyze"; key: string; callKey: string; done: Deferred<IngestResult> };

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(err: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => {};
  let reject: (err: unknown) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Only requests that found this analysis running wait on it; none may be waiting.
  promise.catch(() => {});
  return { promise, resolve, reject };
}
