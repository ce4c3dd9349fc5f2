/**
 * The one door the pipeline uses to ask for documentation. It hides which source answers
 * (local KB, MCP server behind the docs cache, both) and keeps the per-run counters that go into
 * the report's `knowledge` block. Identical queries within one run are asked once (the in-flight
 * promise is shared), and a failing source never throws into the analysis: it is counted, and the
 * fallback source (if any) answers instead.
 *
 * With a time budget (hybrid mode) the primary is not cancelled when the budget runs out: its late
 * answer still fills the docs cache for later runs while the runtime stays open (a long-running
 * service; the CLI cancels what is still running when it exits). Once the primary has overrun the budget in
 * a run, the rest of that run uses only what the cache already holds, then the fallback, so a slow
 * server costs one budget per run, not one per query.
 */

import type {
  KnowledgeHit,
  KnowledgeMode,
  KnowledgeSource,
  KnowledgeStats,
  TermStatistics,
} from "../model/knowledge.js";
import { type CacheAwareSource, isCacheAware } from "./cache/cached-source.js";
import { normalizeQuery } from "./cache/docs-cache.js";

export interface KnowledgeGateway {
  readonly mode: KnowledgeMode;
  search(query: string, options?: { topK?: number }): Promise<KnowledgeHit[]>;
  stats(): KnowledgeStats;
  /** Document frequencies of the local knowledge base (either source's), for the judge; null without one. */
  termStatistics(): TermStatistics | null;
}

export interface GatewayOptions {
  mode: KnowledgeMode;
  /** Asked first. */
  primary: KnowledgeSource;
  /** Asked when the primary fails or runs past `budgetMs`. */
  fallback?: KnowledgeSource | null;
  /** Time the primary may take before the fallback answers; no limit when absent. */
  budgetMs?: number;
  defaultTopK?: number;
  /** Told about each primary failure (for a warning line); never throws into the analysis. */
  onPrimaryError?: (error: unknown) => void;
}

export { normalizeQuery };

export class BudgetExceededError extends Error {
  constructor(source: string, budgetMs: number) {
    super(`${source} took longer than ${budgetMs} ms`);
    this.name = "BudgetExceededError";
  }
}

export function createKnowledgeGateway(options: GatewayOptions): KnowledgeGateway {
  const counters: KnowledgeStats = { mode: options.mode, queries: 0, cache_hits: 0, fallbacks: 0, errors: 0 };
  const inFlight = new Map<string, Promise<KnowledgeHit[]>>();
  const defaultTopK = options.defaultTopK ?? 5;
  const primary = options.primary;
  const cacheAware: CacheAwareSource | null = isCacheAware(primary) ? primary : null;
  const budgetMs = options.fallback ? options.budgetMs : undefined;
  let primaryTooSlow = false;

  async function askPrimary(query: string, topK: number): Promise<KnowledgeHit[]> {
    if (primaryTooSlow) {
      const cached = cacheAware?.peek(query, topK);
      if (cached) {
        counters.cache_hits++;
        return cached;
      }
      throw new BudgetExceededError(primary.name, budgetMs ?? 0);
    }
    const answer = cacheAware
      ? cacheAware.lookup(query, { topK }).then((r) => {
          if (r.outcome !== "miss") counters.cache_hits++;
          return r.hits;
        })
      : primary.search(query, { topK });
    if (budgetMs === undefined) return answer;
    try {
      return await withBudget(answer, budgetMs, primary.name);
    } catch (err) {
      if (err instanceof BudgetExceededError) primaryTooSlow = true;
      throw err;
    }
  }

  async function ask(query: string, topK: number): Promise<KnowledgeHit[]> {
    try {
      return await askPrimary(query, topK);
    } catch (err) {
      counters.errors++;
      options.onPrimaryError?.(err);
      if (!options.fallback) return [];
      counters.fallbacks++;
      try {
        return answeredBy(await options.fallback.search(query, { topK }));
      } catch {
        counters.errors++;
        return [];
      }
    }
  }

  return {
    mode: options.mode,
    search(query, searchOptions) {
      const topK = searchOptions?.topK ?? defaultTopK;
      const key = `${topK}\u0000${normalizeQuery(query)}`;
      const pending = inFlight.get(key);
      if (pending) {
        counters.cache_hits++;
        return pending;
      }
      counters.queries++;
      const promise = ask(query, topK);
      inFlight.set(key, promise);
      return promise;
    },
    stats: () => ({ ...counters }),
    termStatistics: () => primary.termStatistics?.() ?? options.fallback?.termStatistics?.() ?? null,
  };
}

/**
 * The fallback is the local knowledge base: pages it learned from MCP earlier are labelled
 * "local" here, because the local knowledge base is what answered in this run.
 */
function answeredBy(hits: KnowledgeHit[]): KnowledgeHit[] {
  return hits.map((h) => (h.source === "mcp" ? { ...h, source: "local" } : h));
}

async function withBudget<T>(answer: Promise<T>, budgetMs: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BudgetExceededError(name, budgetMs)), budgetMs);
  });
  // The late answer is not awaited here; swallow its rejection so it is not "unhandled".
  answer.catch(() => {});
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
