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
    const call = await this.executor.parse(
      { bytes, fileName: input.fileName, internal, companyDomain: this.config.companyDomain },
      control.signal,
    );
    fillIdentity(call, input.fileName, hash);
    const callKey = input.callKey?.trim()
      ? `key:${input.callKey.trim()}`
      : defaultCallKey(call, input.fileName, hash);
    const versions = {
      callKey,
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
    const key = cacheKey(versions);
    const hit = this.cachedResult(key, call.warnings);
    if (hit) return hit;
    const pending = this.inFlight.get(key);
    if (pending) return { ...(await pending), cached: true };

    const work = (async (): Promise<IngestResult> => {
      const { report, durationMs, objectionOutcomes } = await this.executor.analyze(call, control.signal);
      const analysis = this.store.saveAnalysis(
        {
          callKey,
          call,
          fileName: input.fileName ? basename(input.fileName) : null,
          transcriptHash: hash,
          transcript: bytes,
          sideHints: { internal, companyDomain: this.config.companyDomain },
        },
        {
          cacheKey: key,
          knowledgeMode: this.runtime.config.knowledgeMode,
          knowledgeVersion: versions.knowledgeVersion,
          analyzerVersion: versions.analyzerVersion,
          optionsHash: versions.optionsHash,
          durationMs,
          report,
          objectionOutcomes,
        },
      );
      return { callId: analysis.call_id, cached: false, analysis, report, warnings: call.warnings };
    })();
    this.inFlight.set(key, work);
    try {
      return await work;
    } finally {
      this.inFlight.delete(key);
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

function stem(fileName: string | null): string | null {
  if (!fileName) return null;
  return (
    basename(fileName)
      .replace(/\.[^.]+$/, "")
      .replace(/\.gong$/, "") || null
  );
}

/** Plain-text formats carry no id: the file name (or the content hash) names the call. */
function fillIdentity(call: Call, fileName: string | null, hash: string): void {
  if (!call.id) call.id = stem(fileName) ?? `call-${hash.slice(0, 8)}`;
  if (!call.title) call.title = call.id;
}

/**
 * Gong and Call Coach JSON calls carry their own id: a re-export with a changed transcript is the
 * same call, analyzed again. Other formats are identified by their content.
 */
function defaultCallKey(call: Call, fileName: string | null, hash: string): string {
  const format = call.source.format;
  if ((format === "gong" || format === "json") && call.id && call.id !== stem(fileName))
    return `${format}:${call.id}`;
  return `sha256:${hash}`;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const PHONE = /\+?\d[\d\s().-]{6,}\d/g;

/** A typed docs query keeps its words; emails and phone numbers never leave for a docs service. */
export function stripIdentifiers(query: string): string {
  return query.replace(EMAIL, " ").replace(PHONE, " ").replace(/\s+/g, " ").trim();
}
