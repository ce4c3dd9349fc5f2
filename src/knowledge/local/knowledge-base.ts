/**
 * The local knowledge base: documentation pages and their chunks in SQLite, searched with FTS5
 * and BM25 (title and section matches weigh more than body matches).
 */
import { join } from "node:path";
import type { KnowledgeHit, TermStatistics } from "../../model/knowledge.js";
import { type Db, migrate, openDatabase } from "../../storage/database.js";
import { escapeRegExp } from "../../text/regex.js";
import type { Chunk } from "./chunk.js";
import { ftsExpression, matchStem, queryConcepts } from "./query.js";
import { rankFeatures, rankScore } from "./ranking.js";
import { KB_MIGRATIONS } from "./schema.js";

export type PageSource = "docs" | "pack" | "mcp";

export interface PageRecord {
  url: string;
  path: string | null;
  title: string;
  source: PageSource;
  origin: string;
  contentHash: string;
  etag?: string | null;
  lastModified?: string | null;
}

export interface StoredPage {
  id: number;
  url: string;
  content_hash: string;
  etag: string | null;
  last_modified: string | null;
}

export interface SearchOptions {
  topK: number;
  /** Restrict to these page sources. */
  sources?: PageSource[];
}

/** A chunk as FTS5 returns it, with its page. */
export interface ChunkRow {
  section: string | null;
  content: string;
  title: string;
  url: string;
  source: PageSource;
  /** FTS5's BM25 rank: lower is better. */
  rank: number;
}

export interface KnowledgeStatus {
  path: string;
  pages: number;
  chunks: number;
  sources: { source: string; origin: string; pages: number; oldest: string | null; newest: string | null }[];
  oldestSync: string | null;
  newestSync: string | null;
  /** Days since the least recently synced docs page was synced. */
  staleDays: number | null;
}

// BM25 column weights: title, section, content.
const BM25 = "bm25(chunks_fts, 6.0, 3.0, 1.0)";
const SNIPPET_WORDS = 40;
// FTS5's first candidates are re-ranked by the fitted ranker (ranking.ts). Spoken claims make long
// queries whose best chunk BM25 often ranks past the first thirty; sixty candidates find it at
// search p50 well under 2 ms.
const CANDIDATES = 60;
// Words in more than this share of all chunks (the product's name, "run" in product docs) make FTS5
// score thousands of rows while barely changing the ranking: they are left out of the MATCH (still
// counted in the re-ranking), unless nothing rarer is left. A small knowledge base has no such
// cost, and there a share of a few chunks would drop nearly every word: the floor keeps them all.
const COMMON_TERM_SHARE = 0.06;
const COMMON_TERM_MIN_CHUNKS = 500;

export class KnowledgeBase {
  readonly path: string;
  readonly db: Db;
  private readonly searchStmt;
  private readonly countStmt;
  /** Chunks per term (and the total under ""), for dropping common terms; cleared on every write. */
  private readonly docFrequency = new Map<string, number>();
  private statistics: TermStatistics | null = null;

  constructor(path: string, options: { readonly?: boolean } = {}) {
    this.path = path;
    this.db = openDatabase(path, options);
    if (!options.readonly) migrate(this.db, "kb", KB_MIGRATIONS);
    // The candidates are ranked inside FTS5 first and only they are joined to their chunk and
    // page: joined before the LIMIT, every matching row's content was read (a third of the time).
    this.searchStmt = this.db.prepare(`
      SELECT c.id, c.section, c.content, p.title, p.url, p.source, f.rank
      FROM (SELECT rowid, ${BM25} AS rank FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY rank LIMIT ?) f
      JOIN chunks c ON c.id = f.rowid JOIN pages p ON p.id = c.page_id
      ORDER BY f.rank`);
    this.countStmt = this.db.prepare("SELECT COUNT(*) AS n FROM chunks_fts WHERE chunks_fts MATCH ?");
  }

  /** How many chunks contain the term (cached until the next write). */
  private frequency(term: string): number {
    let n = this.docFrequency.get(term);
    if (n === undefined) {
      n =
        term === ""
          ? (this.db.prepare("SELECT COUNT(*) AS n FROM chunks").get() as { n: number }).n
          : (this.countStmt.get(`"${term.replace(/"/g, "")}"`) as { n: number }).n;
      this.docFrequency.set(term, n);
    }
    return n;
  }

  /** Document frequencies of words (any inflection), for weighting terms by rarity. */
  termStatistics(): TermStatistics {
    const kb = this;
    this.statistics ??= {
      get documents() {
        return kb.frequency("");
      },
      frequency: (word: string) => (/[a-z0-9]/i.test(word) ? kb.frequency(word.toLowerCase()) : 0),
      get docsSynced() {
        return kb.hasSyncedPages();
      },
    };
    return this.statistics;
  }

  /**
   * The concepts worth matching in FTS: words absent from the knowledge base and common ones
   * dropped, the rarest present one kept when all are common. A concept is as rare as its rarest
   * synonym that occurs at all.
   */
  private selective(concepts: string[][]): string[][] {
    const total = Math.max(1, this.frequency(""));
    const limit = Math.max(total * COMMON_TERM_SHARE, COMMON_TERM_MIN_CHUNKS);
    const present = concepts
      .map((group) => ({ group, n: Math.min(...group.map((t) => this.frequency(t) || Infinity)) }))
      .filter((c) => c.n !== Infinity);
    const rare = present.filter((c) => c.n <= limit);
    if (rare.length) return rare.map((c) => c.group);
    const rarest = present.sort((a, b) => a.n - b.n)[0];
    return rarest ? [rarest.group] : [];
  }

  /** Whether any page came from a docs sync or from MCP (not only the bundled pack). */
  hasSyncedPages(): boolean {
    return this.db.prepare("SELECT 1 FROM pages WHERE source != 'pack' LIMIT 1").get() !== undefined;
  }

  search(query: string, options: SearchOptions): KnowledgeHit[] {
    const wanted = options.sources ? new Set<string>(options.sources) : null;
    const limit = Math.max(CANDIDATES, options.topK * (wanted ? 6 : 3));
    const scored = this.rankingPool(query, limit)
      .filter((c) => !wanted || wanted.has(c.row.source))
      .map((c) => ({ r: c.row, score: rankScore(c.features) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, options.topK);
    return scored.map(({ r, score }) => ({
      title: r.title,
      // Pack facts are stored under `<docs page>#<fact>` to keep them apart; the fragment is ours,
      // not an anchor of the docs page, so evidence links to the page itself.
      url: r.source === "pack" ? r.url.replace(/#.*$/, "") : r.url,
      section: r.section,
      snippet: snippet(r.content, query),
      content: r.content,
      score: Math.round(score * 1000) / 1000,
      source: r.source === "pack" ? "pack" : r.source === "mcp" ? "mcp" : "local",
    }));
  }

  /**
   * The chunks FTS5 finds for a query (up to `limit`, in BM25 order), each with the features the
   * ranker weighs (`ranking.ts`). `search` orders them; the ranker's trainer fits on them.
   */
  rankingPool(query: string, limit: number): { row: ChunkRow; features: number[] }[] {
    const concepts = queryConcepts(query);
    if (!concepts.length) return [];
    const fts = ftsExpression(this.selective(concepts));
    if (!fts) return [];
    const rows = this.searchStmt.all(fts, limit) as ChunkRow[];
    const matchers = concepts.map((group) => group.map(termMatcher));
    // Rare concepts say more about a chunk than common ones: coverage is IDF-weighted.
    const total = Math.max(1, this.frequency(""));
    const weights = concepts.map((group) =>
      Math.log(1 + total / Math.max(1, Math.min(...group.map((t) => this.frequency(t))))),
    );
    const weightSum = weights.reduce((a, b) => a + b, 0) || 1;
    const coverage = (text: string): number => {
      const lower = text.toLowerCase();
      let covered = 0;
      matchers.forEach((group, i) => {
        if (group.some((m) => m(lower))) covered += weights[i]!;
      });
      return covered / weightSum;
    };
    const bestBm25 = rows.reduce((m, r) => Math.max(m, -r.rank), 0);
    return rows.map((row) => ({
      row,
      features: rankFeatures({
        bm25: -row.rank,
        bestBm25,
        coverageBody: coverage(row.content),
        coverageTitle: coverage(row.title),
        coverageSection: coverage(row.section ?? ""),
        length: row.content.length,
      }),
    }));
  }

  getPage(url: string): StoredPage | undefined {
    return this.db
      .prepare("SELECT id, url, content_hash, etag, last_modified FROM pages WHERE url = ?")
      .get(url) as StoredPage | undefined;
  }

  pagesOfOrigin(origin: string): StoredPage[] {
    return this.db
      .prepare("SELECT id, url, content_hash, etag, last_modified FROM pages WHERE origin = ?")
      .all(origin) as StoredPage[];
  }

  /** Replaces a page and its chunks (call inside a transaction for batches). */
  putPage(page: PageRecord, chunks: Chunk[], syncedAt: string, breadcrumb: string | null = null): void {
    this.docFrequency.clear();
    this.statistics = null;
    const existing = this.getPage(page.url);
    if (existing) this.deletePageById(existing.id);
    const info = this.db
      .prepare(
        `INSERT INTO pages (url, path, title, source, origin, content_hash, etag, last_modified, synced_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        page.url,
        page.path,
        page.title,
        page.source,
        page.origin,
        page.contentHash,
        page.etag ?? null,
        page.lastModified ?? null,
        syncedAt,
      );
    const pageId = Number(info.lastInsertRowid);
    const insertChunk = this.db.prepare(
      "INSERT INTO chunks (page_id, ord, section, content) VALUES (?, ?, ?, ?)",
    );
    const insertFts = this.db.prepare(
      "INSERT INTO chunks_fts (rowid, title, section, content) VALUES (?, ?, ?, ?)",
    );
    // The breadcrumb ("Concepts › Cloud") is searchable with the title but never shown.
    const indexedTitle = breadcrumb ? `${page.title} ${breadcrumb}` : page.title;
    chunks.forEach((c, i) => {
      const chunkId = insertChunk.run(pageId, i, c.section, c.content).lastInsertRowid;
      insertFts.run(chunkId, indexedTitle, c.section ?? "", c.content);
    });
  }

  touchPage(
    id: number,
    syncedAt: string,
    validators?: { etag?: string | null; lastModified?: string | null },
  ): void {
    if (validators) {
      this.db
        .prepare(
          "UPDATE pages SET synced_at = ?, etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified) WHERE id = ?",
        )
        .run(syncedAt, validators.etag ?? null, validators.lastModified ?? null, id);
    } else {
      this.db.prepare("UPDATE pages SET synced_at = ? WHERE id = ?").run(syncedAt, id);
    }
  }

  deletePageById(id: number): void {
    this.docFrequency.clear();
    this.statistics = null;
    this.db
      .prepare("DELETE FROM chunks_fts WHERE rowid IN (SELECT id FROM chunks WHERE page_id = ?)")
      .run(id);
    this.db.prepare("DELETE FROM pages WHERE id = ?").run(id);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  getMeta(key: string): string | null {
    const row = this.db.prepare("SELECT value FROM kb_meta WHERE key = ?").get(key) as
      | { value: string }
      | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.db
      .prepare(
        "INSERT INTO kb_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      )
      .run(key, value);
  }

  status(now = new Date()): KnowledgeStatus {
    const count = (sql: string) => (this.db.prepare(sql).get() as { n: number }).n;
    const sources = this.db
      .prepare(
        `SELECT source, origin, COUNT(*) AS pages, MIN(synced_at) AS oldest, MAX(synced_at) AS newest
         FROM pages GROUP BY source, origin ORDER BY source, origin`,
      )
      .all() as KnowledgeStatus["sources"];
    const range = this.db
      .prepare("SELECT MIN(synced_at) AS oldest, MAX(synced_at) AS newest FROM pages")
      .get() as {
      oldest: string | null;
      newest: string | null;
    };
    const docsOldest = (
      this.db.prepare("SELECT MIN(synced_at) AS oldest FROM pages WHERE source = 'docs'").get() as {
        oldest: string | null;
      }
    ).oldest;
    return {
      path: this.path,
      pages: count("SELECT COUNT(*) AS n FROM pages"),
      chunks: count("SELECT COUNT(*) AS n FROM chunks"),
      sources,
      oldestSync: range.oldest,
      newestSync: range.newest,
      staleDays: docsOldest
        ? Math.round(((now.getTime() - Date.parse(docsOldest)) / 86_400_000) * 10) / 10
        : null,
    };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export function knowledgeBasePath(home: string): string {
  return join(home, "knowledge.db");
}

export function openKnowledgeBase(home: string, options: { readonly?: boolean } = {}): KnowledgeBase {
  return new KnowledgeBase(knowledgeBasePath(home), options);
}

/** Does lower-cased text contain the word (short words as whole words, longer ones by stem)? */
function termMatcher(term: string): (text: string) => boolean {
  if (term.length <= 3) {
    const re = new RegExp(`(?<![a-z0-9])${escapeRegExp(term)}(?![a-z0-9])`);
    return (text) => re.test(text);
  }
  const stem = matchStem(term);
  return (text) => text.includes(stem);
}

/** A window of the chunk around the first query term it contains. */
export function snippet(content: string, query: string): string {
  const flat = content
    .replace(/```[a-z]*\n?/g, "")
    .replace(/\s+/g, " ")
    .trim();
  const words = flat.split(" ");
  if (words.length <= SNIPPET_WORDS) return flat;
  const terms = query
    .toLowerCase()
    .split(/\W+/)
    .filter((t) => t.length > 3);
  let at = words.findIndex((w) => terms.some((t) => w.toLowerCase().includes(t.slice(0, 5))));
  if (at < 0) at = 0;
  const start = Math.max(0, at - 10);
  const piece = words.slice(start, start + SNIPPET_WORDS).join(" ");
  return `${start > 0 ? "…" : ""}${piece}${start + SNIPPET_WORDS < words.length ? "…" : ""}`;
}
