/**
 * Persistent cache of documentation answers (`<home>/docs-cache.db`). An entry is keyed by the
 * answering source, top_k and the normalized query; it is fresh for a TTL, then "stale" (still
 * served, while a refresh runs) until a longer limit, then gone. Only sanitized queries and the
 * hits a docs server returned are stored: never credentials, never transcript text. Counters
 * (hits, stale hits, misses) are kept across runs for `docs cache stats`.
 */
import { join } from "node:path";
import type { KnowledgeHit } from "../../model/knowledge.js";
import { type Db, type Migration, migrate, openDatabase } from "../../storage/database.js";

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: "docs answers and counters",
    up: `
      CREATE TABLE docs_cache (
        key TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        query TEXT NOT NULL,
        top_k INTEGER NOT NULL,
        hits TEXT NOT NULL,
        stored_at INTEGER NOT NULL,
        fresh_until INTEGER NOT NULL,
        stale_until INTEGER NOT NULL
      );
      CREATE INDEX docs_cache_stale_until ON docs_cache(stale_until);
      CREATE TABLE docs_cache_counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    `,
  },
];

export type CacheCounter = "hits" | "stale_hits" | "misses" | "refreshes" | "refresh_errors";

export interface CachedAnswer {
  hits: KnowledgeHit[];
  state: "fresh" | "stale";
  storedAt: number;
}

export interface CacheStats {
  path: string;
  entries: number;
  fresh: number;
  stale: number;
  expired: number;
  bytes: number;
  oldest: string | null;
  newest: string | null;
  bySource: { source: string; entries: number }[];
  counters: Record<CacheCounter, number>;
}

export interface CacheTimes {
  ttlMs: number;
  staleMs: number;
}

/** Case and spacing do not make a query different. */
export function normalizeQuery(query: string): string {
  return query.toLowerCase().replace(/\s+/g, " ").trim();
}

export function docsCacheKey(source: string, query: string, topK: number): string {
  return `${source}\u0000${topK}\u0000${normalizeQuery(query)}`;
}

export class DocsCache {
  readonly path: string;
  private readonly db: Db;
  private readonly getStmt;
  private readonly putStmt;
  private readonly countStmt;

  constructor(
    path: string,
    private readonly now: () => number = Date.now,
  ) {
    this.path = path;
    this.db = openDatabase(path);
    migrate(this.db, "docs-cache", MIGRATIONS);
    this.getStmt = this.db.prepare(
      "SELECT hits, stored_at, fresh_until, stale_until FROM docs_cache WHERE key = ?",
    );
    this.putStmt = this.db.prepare(`
      INSERT INTO docs_cache (key, source, query, top_k, hits, stored_at, fresh_until, stale_until)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(key) DO UPDATE SET hits = excluded.hits, stored_at = excluded.stored_at,
        fresh_until = excluded.fresh_until, stale_until = excluded.stale_until`);
    this.countStmt = this.db.prepare(`
      INSERT INTO docs_cache_counters (name, value) VALUES (?, 1)
      ON CONFLICT(name) DO UPDATE SET value = value + 1`);
  }

  /** The cached answer, fresh or stale; undefined when absent or past its stale limit. */
  get(source: string, query: string, topK: number): CachedAnswer | undefined {
    const row = this.getStmt.get(docsCacheKey(source, query, topK)) as
      | { hits: string; stored_at: number; fresh_until: number; stale_until: number }
      | undefined;
    if (!row) return undefined;
    const now = this.now();
    if (now >= row.stale_until) return undefined;
    try {
      return {
        hits: JSON.parse(row.hits) as KnowledgeHit[],
        state: now < row.fresh_until ? "fresh" : "stale",
        storedAt: row.stored_at,
      };
    } catch {
      return undefined; // a damaged entry is a miss; the next answer overwrites it
    }
  }

  put(source: string, query: string, topK: number, hits: KnowledgeHit[], times: CacheTimes): void {
    const now = this.now();
    this.putStmt.run(
      docsCacheKey(source, query, topK),
      source,
      normalizeQuery(query),
      topK,
      JSON.stringify(hits),
      now,
      now + times.ttlMs,
      now + Math.max(times.ttlMs, times.staleMs),
    );
  }

  count(counter: CacheCounter): void {
    this.countStmt.run(counter);
  }

  /** Deletes entries past their stale limit; returns how many. */
  prune(): number {
    return this.db.prepare("DELETE FROM docs_cache WHERE stale_until <= ?").run(this.now()).changes;
  }

  /** Empties the cache and its counters; returns how many entries were removed. */
  clear(): number {
    return this.db.transaction(() => {
      const removed = this.db.prepare("DELETE FROM docs_cache").run().changes;
      this.db.prepare("DELETE FROM docs_cache_counters").run();
      return removed;
    })();
  }

  stats(): CacheStats {
    const now = this.now();
    const row = this.db
      .prepare(
        `SELECT COUNT(*) AS entries,
           COALESCE(SUM(fresh_until > @now), 0) AS fresh,
           COALESCE(SUM(fresh_until <= @now AND stale_until > @now), 0) AS stale,
           COALESCE(SUM(stale_until <= @now), 0) AS expired,
           COALESCE(SUM(LENGTH(hits) + LENGTH(query)), 0) AS bytes,
           MIN(stored_at) AS oldest, MAX(stored_at) AS newest
         FROM docs_cache`,
      )
      .get({ now }) as {
      entries: number;
      fresh: number;
      stale: number;
      expired: number;
      bytes: number;
      oldest: number | null;
      newest: number | null;
    };
    const counters: Record<CacheCounter, number> = {
      hits: 0,
      stale_hits: 0,
      misses: 0,
      refreshes: 0,
      refresh_errors: 0,
    };
    for (const c of this.db.prepare("SELECT name, value FROM docs_cache_counters").all() as {
      name: CacheCounter;
      value: number;
    }[]) {
      if (c.name in counters) counters[c.name] = c.value;
    }
    return {
      path: this.path,
      entries: row.entries,
      fresh: row.fresh,
      stale: row.stale,
      expired: row.expired,
      bytes: row.bytes,
      oldest: row.oldest === null ? null : new Date(row.oldest).toISOString(),
      newest: row.newest === null ? null : new Date(row.newest).toISOString(),
      bySource: this.db
        .prepare("SELECT source, COUNT(*) AS entries FROM docs_cache GROUP BY source ORDER BY source")
        .all() as { source: string; entries: number }[],
      counters,
    };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export function docsCachePath(home: string): string {
  return join(home, "docs-cache.db");
}

export function openDocsCache(home: string): DocsCache {
  return new DocsCache(docsCachePath(home));
}
