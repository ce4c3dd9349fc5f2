/**
 * The LLM coach: reviews the deterministic report's items with a model, grounded in the evidence
 * the pipeline already retrieved, and keeps the deterministic result for every item the model
 * did not answer validly. It never queries documentation itself (so transcript text can reach
 * only the LLM provider) and never throws for provider faults: they become fallbacks, counted in
 * the report's `llm` block.
 *
 * Per call: window requests run with bounded concurrency (the batches of one window in turn, so
 * later ones read the window's transcript from the provider's prompt cache), then one summary
 * request. Each answer is validated; a rejected answer is repaired once; accepted answers are
 * cached in SQLite.
 */
import pLimit from "p-limit";
import type { Report } from "../../model/report.js";
import { redactSecrets } from "../../security/redact.js";
import { buildCoaching } from "../summary.js";
import {
  type AnswerFormat,
  COACHING_FORMAT,
  type CoachingAnswer,
  type Observation,
  WINDOW_FORMAT,
  type WindowAnswer,
} from "./answer-schema.js";
import { UsageMeter } from "./budget.js";
import { mergeClaim, mergeCoaching, mergeCompetitor, mergeObjection } from "./merge.js";
import {
  type CallPlan,
  DEFAULT_PLAN_OPTIONS,
  type PlanOptions,
  planCall,
  planSummary,
  type WindowBatch,
} from "./plan.js";
import { costUsd, priceFor } from "./pricing.js";
import { PROMPT_VERSION, repairTask, SYSTEM_PROMPT } from "./prompts.js";
import {
  type LlmProvider,
  LlmProviderError,
  type PromptBlock,
  type StructuredRequest,
  type StructuredResult,
} from "./providers/provider.js";
import { cacheKey, type LlmResultCache, sha256 } from "./result-cache.js";
import type { LlmCoach, LlmCoachInput } from "./types.js";
import { checkCoachingAnswer, checkWindowAnswer, parseJsonAnswer, type WindowCheck } from "./validate.js";
import { estimateTokens } from "./windows.js";

export interface GroundedCoachOptions {
  provider: LlmProvider;
  cache?: LlmResultCache | null;
  /** Input + output tokens one analysis may spend. */
  tokenBudget?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  plan?: Partial<PlanOptions>;
  /** One line per distinct problem (provider fault, budget, cache), already free of secrets. */
  warn?: (message: string) => void;
}

export const DEFAULT_TOKEN_BUDGET = 150_000;
const DEFAULT_CONCURRENCY = 4;
/** Output we expect per answered item (verdict, citations, a sentence or two), for the budget. */
const EXPECTED_OUTPUT_PER_ITEM = 220;
const SUMMARY_OUTPUT = 600;

/** State of one refine() call. */
interface Run {
  plan: CallPlan;
  meter: UsageMeter;
  fallbacks: number;
  warned: Set<string>;
  signal: AbortSignal | undefined;
}

export class GroundedLlmCoach implements LlmCoach {
  private readonly planOptions: PlanOptions;

  constructor(private readonly options: GroundedCoachOptions) {
    this.planOptions = {
      ...DEFAULT_PLAN_OPTIONS,
      ...options.plan,
      window: { ...DEFAULT_PLAN_OPTIONS.window, ...options.plan?.window },
    };
  }

  get provider(): string {
    return this.options.provider.name;
  }

  get model(): string {
    return this.options.provider.model;
  }

  close(): void {
    this.options.cache?.close();
  }

  async refine(input: LlmCoachInput, signal?: AbortSignal): Promise<Report> {
    const meter = new UsageMeter(this.options.tokenBudget ?? DEFAULT_TOKEN_BUDGET);
    try {
      return await this.refineWith(input, meter, signal);
    } catch (err) {
      // A fault of our own must not cost the user the analysis: the deterministic report stands.
      const report = structuredClone(input.report);
      const items = report.claims.length + report.objections.length + report.competitors.length;
      const run: Run = {
        plan: { lines: [], windows: [], batches: [], transcriptHash: "", nextSteps: [], claimsSent: 0 },
        meter,
        fallbacks: items + 1,
        warned: new Set(),
        signal,
      };
      this.warn(
        run,
        "internal",
        `LLM coaching failed (${(err as Error)?.message ?? err}); using the deterministic report`,
      );
      return this.withUsage(report, run);
    }
  }

  private async refineWith(
    input: LlmCoachInput,
    meter: UsageMeter,
    signal: AbortSignal | undefined,
  ): Promise<Report> {
    const run: Run = {
      plan: planCall(input, this.planOptions),
      meter,
      fallbacks: 0,
      warned: new Set(),
      signal,
    };
    const report: Report = structuredClone(input.report);
    if (!run.plan.windows.length) return this.withUsage(report, run);

    // Keep room for the summary: on a call too long for the budget, late windows fall back
    // rather than the coaching. The estimate uses the deterministic items (same size).
    const summaryReserve = this.estimate(
      this.request(COACHING_FORMAT, planSummary(run.plan, report, []).blocks, 0, run),
      SUMMARY_OUTPUT,
    );
    const reserved = run.meter.reserve(summaryReserve);

    // Window reviews: windows in parallel (bounded), the batches of one window in turn.
    const limit = pLimit(this.options.concurrency ?? DEFAULT_CONCURRENCY);
    const byWindow = new Map<number, WindowBatch[]>();
    for (const b of run.plan.batches)
      byWindow.set(b.window.index, [...(byWindow.get(b.window.index) ?? []), b]);
    const results = await Promise.all(
      [...byWindow.values()].map((batches) =>
        limit(async () => {
          const out: Array<{ batch: WindowBatch; check: WindowCheck | null }> = [];
          for (const batch of batches) out.push({ batch, check: await this.reviewWindow(run, batch) });
          return out;
        }),
      ),
    );

    let changed = false;
    const observations: Array<Observation & { at_s: number }> = [];
    const seenObservations = new Set<string>();
    const lineTime = new Map(run.plan.lines.map((l) => [l.id, l.start_s]));
    for (const { batch, check } of results.flat()) {
      const lookup = (id: string) => batch.catalog.get(id)?.hit;
      for (const item of batch.items) {
        const claimAnswer = check?.claims.get(item.id);
        const objectionAnswer = check?.objections.get(item.id);
        const competitorAnswer = check?.competitors.get(item.id);
        if (item.kind === "claim" && claimAnswer) {
          report.claims = report.claims.map((c) =>
            c.id === item.id ? mergeClaim(c, claimAnswer, lookup) : c,
          );
        } else if (item.kind === "objection" && objectionAnswer) {
          report.objections = report.objections.map((o) =>
            o.id === item.id ? mergeObjection(o, objectionAnswer, lookup) : o,
          );
        } else if (item.kind === "competitor" && competitorAnswer) {
          report.competitors = report.competitors.map((c) =>
            c.name === item.id ? mergeCompetitor(c, competitorAnswer, lookup) : c,
          );
        } else {
          run.fallbacks++;
          continue;
        }
        changed = true;
      }
      // Overlapping windows can both remark on the same line: keep the first remark of each kind.
      for (const o of check?.observations ?? []) {
        const key = `${o.kind}:${o.utterance_id}`;
        if (seenObservations.has(key)) continue;
        seenObservations.add(key);
        observations.push({ ...o, at_s: lineTime.get(o.utterance_id) ?? 0 });
      }
    }
    observations.sort((a, b) => a.at_s - b.at_s);
    if (reserved) run.meter.release(summaryReserve);

    const coaching = await this.summarize(run, report, observations);
    if (coaching) report.coaching = coaching;
    else {
      run.fallbacks++;
      if (changed) report.coaching = this.deterministicCoaching(input, report, run);
    }
    return this.withUsage(report, run);
  }

  /** Reviews one batch; null when the provider failed or the budget ran out. */
  private async reviewWindow(run: Run, batch: WindowBatch): Promise<WindowCheck | null> {
    const ctx = {
      items: batch.items,
      hasEvidence: (id: string) => batch.catalog.has(id),
      lineIds: new Set(batch.window.lines.map((l) => l.id)),
    };
    const request = this.request(
      WINDOW_FORMAT,
      [...batch.context, { text: batch.task }],
      batch.maxOutputTokens,
      run,
    );
    const key = this.key(
      run,
      batch.name,
      batch.catalog.all().map((e) => e.identity),
      request,
    );
    const cached = this.cacheGet(run, key);
    if (cached !== undefined) {
      const check = checkWindowAnswer(cached, ctx);
      if (!check.problems.size) return check;
    }
    const expected = EXPECTED_OUTPUT_PER_ITEM * batch.items.length + (batch.withObservations ? 400 : 100);
    const first = await this.send(run, request, expected);
    if (!first) return null;
    const parsed = parseJsonAnswer(first.text);
    const check = checkWindowAnswer(parsed.ok ? parsed.value : undefined, ctx);
    if (!parsed.ok) check.problems.set("*", [unparsable(parsed.error, first)]);

    const failed = batch.items.filter((i) => check.problems.has(i.id));
    if (failed.length) {
      const problems = [...check.problems.values()].flat();
      const repair = this.request(
        WINDOW_FORMAT,
        [
          ...batch.context,
          {
            text: `${repairTask(problems, first.text)}\n\nTASK: window review. Answer only these items: ${failed
              .map((i) => i.id)
              .join(", ")}. Return an empty observations list.`,
          },
        ],
        batch.maxOutputTokens,
        run,
      );
      const second = await this.send(run, repair, EXPECTED_OUTPUT_PER_ITEM * failed.length + 100);
      const reparsed = second ? parseJsonAnswer(second.text) : null;
      if (reparsed?.ok) {
        const fixed = checkWindowAnswer(reparsed.value, { ...ctx, items: failed });
        for (const item of failed) {
          const c = fixed.claims.get(item.id);
          const o = fixed.objections.get(item.id);
          const k = fixed.competitors.get(item.id);
          if (c) check.claims.set(item.id, c);
          if (o) check.objections.set(item.id, o);
          if (k) check.competitors.set(item.id, k);
          if (c || o || k) check.problems.delete(item.id);
        }
      }
    }
    if (batch.items.every((i) => !check.problems.has(i.id))) this.cachePut(run, key, windowAnswerOf(check));
    return check;
  }

  private async summarize(
    run: Run,
    report: Report,
    observations: Array<Observation & { at_s: number }>,
  ): Promise<Report["coaching"] | null> {
    const summary = planSummary(run.plan, report, observations);
    const request = this.request(COACHING_FORMAT, summary.blocks, summary.maxOutputTokens, run);
    const key = this.key(run, "summary", [], request);
    const cached = this.cacheGet(run, key);
    if (cached !== undefined) {
      const check = checkCoachingAnswer(cached, summary.momentIds);
      if (check.answer) return mergeCoaching(check.answer, summary.momentTime);
    }
    const first = await this.send(run, request, SUMMARY_OUTPUT);
    if (!first) return null;
    let answer: CoachingAnswer | null = null;
    let problems: string[];
    const parsed = parseJsonAnswer(first.text);
    if (parsed.ok) {
      const check = checkCoachingAnswer(parsed.value, summary.momentIds);
      answer = check.answer;
      problems = check.problems;
    } else problems = [unparsable(parsed.error, first)];
    if (!answer) {
      const repair = this.request(
        COACHING_FORMAT,
        [...summary.blocks, { text: repairTask(problems, first.text) }],
        summary.maxOutputTokens,
        run,
      );
      const second = await this.send(run, repair, SUMMARY_OUTPUT);
      const reparsed = second ? parseJsonAnswer(second.text) : null;
      if (reparsed?.ok) answer = checkCoachingAnswer(reparsed.value, summary.momentIds).answer;
    }
    if (!answer) return null;
    this.cachePut(run, key, answer);
    return mergeCoaching(answer, summary.momentTime);
  }

  /** Sends one request within the budget; null (with a warning) when it is skipped or fails. */
  private async send<T>(
    run: Run,
    request: StructuredRequest<T>,
    expectedOutput: number,
  ): Promise<StructuredResult | null> {
    const estimate = this.estimate(request, expectedOutput);
    if (!run.meter.reserve(estimate)) {
      this.warn(
        run,
        "budget",
        `LLM token budget of ${run.meter.budget} reached; remaining items keep the deterministic result`,
      );
      return null;
    }
    try {
      const result = await this.options.provider.complete(request, run.signal);
      run.meter.settle(estimate, result.usage);
      return result;
    } catch (err) {
      run.meter.settle(estimate, null);
      const e = err instanceof LlmProviderError ? err : null;
      const reason = e ? e.message : redactSecrets(String((err as Error)?.message ?? err));
      this.warn(
        run,
        `provider:${e?.kind ?? "other"}`,
        `${reason}; using the deterministic result for the affected items`,
      );
      return null;
    }
  }

  private estimate<T>(request: StructuredRequest<T>, expectedOutput: number): number {
    return (
      estimateTokens(request.system) +
      request.blocks.reduce((n, b) => n + estimateTokens(b.text), 0) +
      expectedOutput
    );
  }

  private request<T>(
    format: AnswerFormat<T>,
    blocks: PromptBlock[],
    maxOutputTokens: number,
    run: Run,
  ): StructuredRequest<T> {
    return {
      system: SYSTEM_PROMPT,
      blocks,
      format,
      maxOutputTokens,
      cacheKey: `call-coach:${run.plan.transcriptHash.slice(0, 24)}`,
    };
  }

  private key<T>(
    run: Run,
    kind: string,
    evidenceIdentities: string[],
    request: StructuredRequest<T>,
  ): string {
    return cacheKey({
      transcriptHash: run.plan.transcriptHash,
      promptVersion: PROMPT_VERSION,
      provider: this.options.provider.name,
      model: this.options.provider.model,
      kind,
      evidenceIdentities,
      requestHash: sha256(
        JSON.stringify([request.system, request.blocks.map((b) => b.text), request.format.name]),
      ),
    });
  }

  private cacheGet(run: Run, key: string): unknown | undefined {
    try {
      return this.options.cache?.get(key);
    } catch (err) {
      this.warn(run, "cache", `LLM result cache unavailable (${redactSecrets((err as Error).message)})`);
      return undefined;
    }
  }

  private cachePut(run: Run, key: string, answer: unknown): void {
    try {
      this.options.cache?.put(
        key,
        {
          provider: this.options.provider.name,
          model: this.options.provider.model,
          promptVersion: PROMPT_VERSION,
          transcriptHash: run.plan.transcriptHash,
        },
        answer,
      );
    } catch (err) {
      this.warn(run, "cache", `LLM result cache unavailable (${redactSecrets((err as Error).message)})`);
    }
  }

  /** The deterministic coach, rerun over the refined items so the summary matches the verdicts shown. */
  private deterministicCoaching(input: LlmCoachInput, report: Report, run: Run): Report["coaching"] {
    return buildCoaching({
      durationS: input.call.duration_s,
      metrics: report.metrics,
      claims: report.claims,
      objections: report.objections,
      competitors: report.competitors,
      nextSteps: run.plan.nextSteps,
      timing: input.call.source.timing,
    });
  }

  private withUsage(report: Report, run: Run): Report {
    const provider = this.options.provider;
    // A custom OpenAI base URL is a local or third-party server whose price is unknown; an
    // Anthropic base URL is a gateway in front of Anthropic's models and prices.
    const price =
      provider.name === "openai" && !provider.official ? null : priceFor(provider.name, provider.model);
    const usage = run.meter.total;
    report.llm = {
      provider: provider.name,
      model: provider.model,
      input_tokens: usage.input,
      output_tokens: usage.output,
      cached_tokens: usage.cachedRead,
      requests: run.meter.requests,
      fallbacks: run.fallbacks,
      cost_usd: costUsd(price, usage),
      claims_sent: run.plan.claimsSent,
      claims_sent_share: report.claims.length
        ? Math.round((run.plan.claimsSent / report.claims.length) * 1000) / 1000
        : 0,
    };
    return report;
  }

  private warn(run: Run, kind: string, message: string): void {
    if (run.warned.has(kind)) return;
    run.warned.add(kind);
    this.options.warn?.(redactSecrets(message));
  }
}

function unparsable(error: string, result: StructuredResult): string {
  const cut = result.stopReason === "max_tokens" || result.stopReason === "length";
  return cut ? `${error}: it was cut off at the output limit; answer more briefly` : error;
}

function windowAnswerOf(check: WindowCheck): WindowAnswer {
  return {
    claims: [...check.claims.values()],
    objections: [...check.objections.values()],
    competitors: [...check.competitors.values()],
    observations: check.observations,
  };
}
