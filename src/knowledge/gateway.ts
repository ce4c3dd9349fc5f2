/**
 * The one door the pipeline uses to ask for documentation. It hides which source answers
 * (local KB, MCP server, both) and keeps the per-run counters that go into the report's
 * `knowledge` block. Identical queries within one run are asked once (the in-flight promise is
 * shared), and a failing source never throws into the analysis: it is counted, and the fallback
 * source (if any) answers instead.
 */
import type { KnowledgeHit, KnowledgeMode, KnowledgeSource, KnowledgeStats } from "../model/knowledge.js";

export interface KnowledgeGateway {
  readonly mode: KnowledgeMode;
  search(query: string, options?: { topK?: number }): Promise<KnowledgeHit[]>;
  stats(): KnowledgeStats;
}

export interface GatewayOptions {
  mode: KnowledgeMode;
  /** Asked first. */
  primary: KnowledgeSource;
  /** Asked when the primary fails or runs past `budgetMs` (hybrid mode). */
  fallback?: KnowledgeSource | null;
  /** Time the primary may take before the fallback answers; no limit when absent. */
  budgetMs?: number;
  defaultTopK?: number;
}

export function normalizeQuery(query: string): string {
  return query.toLowerCase().replace(/\s+/g, " ").trim();
}

export function createKnowledgeGateway(options: GatewayOptions): KnowledgeGateway {
  const counters: KnowledgeStats = { mode: options.mode, queries: 0, cache_hits: 0, fallbacks: 0, errors: 0 };
  const inFlight = new Map<string, Promise<KnowledgeHit[]>>();
  const defaultTopK = options.defaultTopK ?? 5;

  async function ask(query: string, topK: number): Promise<KnowledgeHit[]> {
    try {
      return await withBudget(options.primary, query, topK, options.fallback ? options.budgetMs : undefined);
    } catch {
      counters.errors++;
      if (!options.fallback) return [];
      counters.fallbacks++;
      try {
        return await options.fallback.search(query, { topK });
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
  };
}

async function withBudget(
  source: KnowledgeSource,
  query: string,
  topK: number,
  budgetMs: number | undefined,
): Promise<KnowledgeHit[]> {
  if (budgetMs === undefined) return source.search(query, { topK });
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`${source.name} took longer than ${budgetMs} ms`));
    }, budgetMs);
  });
  try {
    return await Promise.race([source.search(query, { topK, signal: controller.signal }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
