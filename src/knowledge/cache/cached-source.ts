/**
 * A knowledge source behind the persistent docs cache. Fresh answers come from the cache; stale
 * ones too, while one background refresh asks the source again (stale-while-revalidate).
 * Concurrent identical misses share one request (single-flight); that request is cancelled only
 * when every caller waiting for it has given up, and an answer that arrives after its callers
 * moved on is still stored, so the next run finds it.
 */
import type { KnowledgeHit, KnowledgeSource, SearchOptions } from "../../model/knowledge.js";
import { type CacheTimes, type DocsCache, docsCacheKey } from "./docs-cache.js";

export type CacheOutcome = "fresh" | "stale" | "miss";

export interface CachedLookup {
  hits: KnowledgeHit[];
  outcome: CacheOutcome;
}

/** A source that can say whether an answer came from its cache. */
export interface CacheAwareSource extends KnowledgeSource {
  lookup(query: string, options: SearchOptions): Promise<CachedLookup>;
  /** A cached answer (fresh or stale) without asking the source; undefined when there is none. */
  peek(query: string, topK: number): KnowledgeHit[] | undefined;
}

export function isCacheAware(source: KnowledgeSource): source is CacheAwareSource {
  return typeof (source as Partial<CacheAwareSource>).lookup === "function";
}

interface Flight {
  promise: Promise<KnowledgeHit[]>;
  controller: AbortController;
  waiters: number;
  background: boolean;
}

export interface CachedSourceOptions {
  /** Names the answering source in cache keys, e.g. "mcp http http://127.0.0.1:8000/mcp". */
  sourceKey: string;
  times: CacheTimes;
  onBackgroundError?: (err: unknown) => void;
}

export class CachedKnowledgeSource implements CacheAwareSource {
  readonly name: string;
  private readonly flights = new Map<string, Flight>();
  private closed = false;

  constructor(
    private readonly inner: KnowledgeSource,
    private readonly cache: DocsCache,
    private readonly options: CachedSourceOptions,
  ) {
    this.name = inner.name;
  }

  async search(query: string, options: SearchOptions): Promise<KnowledgeHit[]> {
    return (await this.lookup(query, options)).hits;
  }

  peek(query: string, topK: number): KnowledgeHit[] | undefined {
    return this.cache.get(this.options.sourceKey, query, topK)?.hits;
  }

  async lookup(query: string, options: SearchOptions): Promise<CachedLookup> {
    const cached = this.cache.get(this.options.sourceKey, query, options.topK);
    if (cached?.state === "fresh") {
      this.cache.count("hits");
      return { hits: cached.hits, outcome: "fresh" };
    }
    if (cached?.state === "stale") {
      this.cache.count("stale_hits");
      this.refresh(query, options.topK);
      return { hits: cached.hits, outcome: "stale" };
    }
    this.cache.count("misses");
    return { hits: await this.fetch(query, options.topK, options.signal), outcome: "miss" };
  }

  /** Requests still running (background refreshes included). */
  get pending(): number {
    return this.flights.size;
  }

  /** Waits for running requests to finish (e.g. so a late answer is stored before exit). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.flights.values()].map((f) => f.promise));
  }

  /** Cancels running requests; the cache itself is closed by its owner. */
  async close(): Promise<void> {
    this.closed = true;
    const flights = [...this.flights.values()];
    for (const f of flights) f.controller.abort(new Error("knowledge source closed"));
    await Promise.allSettled(flights.map((f) => f.promise));
  }

  private refresh(query: string, topK: number): void {
    this.cache.count("refreshes");
    this.flight(query, topK, true).promise.catch((err) => {
      if (this.closed) return;
      this.cache.count("refresh_errors");
      this.options.onBackgroundError?.(err);
    });
  }

  private fetch(query: string, topK: number, signal?: AbortSignal): Promise<KnowledgeHit[]> {
    const flight = this.flight(query, topK, false);
    flight.waiters++;
    return follow(flight.promise, signal, () => {
      flight.waiters--;
      if (flight.waiters === 0 && !flight.background) flight.controller.abort(new Error("no caller waits"));
    });
  }

  private flight(query: string, topK: number, background: boolean): Flight {
    const key = docsCacheKey(this.options.sourceKey, query, topK);
    const existing = this.flights.get(key);
    if (existing) {
      if (background) existing.background = true;
      return existing;
    }
    const controller = new AbortController();
    const promise = this.inner.search(query, { topK, signal: controller.signal }).then((hits) => {
      if (!this.closed) this.cache.put(this.options.sourceKey, query, topK, hits, this.options.times);
      return hits;
    });
    const flight: Flight = { promise, controller, waiters: 0, background };
    this.flights.set(key, flight);
    promise.then(
      () => this.flights.delete(key),
      () => this.flights.delete(key),
    );
    return flight;
  }
}

/** Follows a shared promise; `onLeave` runs once, when it settles or when this caller aborts. */
function follow<T>(promise: Promise<T>, signal: AbortSignal | undefined, onLeave: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      signal?.removeEventListener("abort", onAbort);
      onLeave();
    };
    const onAbort = () => {
      leave();
      reject(signal?.reason ?? new Error("aborted"));
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (v) => {
        leave();
        resolve(v);
      },
      (e) => {
        leave();
        reject(e);
      },
    );
  });
}
