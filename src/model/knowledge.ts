/** What every knowledge source (local KB, bundled pack, a docs MCP server) returns and accepts. */

export type EvidenceSource = "local" | "mcp" | "pack";

export interface KnowledgeHit {
  title: string;
  /** Public docs URL of the page, e.g. https://docs.example.com/concepts/flows */
  url: string;
  /** Heading of the section the hit came from, when known. */
  section: string | null;
  /** Short excerpt for display. */
  snippet: string;
  /** Full text of the matched chunk when the source has it (the judge reads this); else the snippet. */
  content: string;
  /** Higher is better; comparable only within one result list. */
  score: number;
  source: EvidenceSource;
}

/** A hit as users see it (CLI, HTTP, MCP): the full chunk text stays inside. */
export type SearchResult = Omit<KnowledgeHit, "content">;

export function toSearchResult({ title, url, section, snippet, score, source }: KnowledgeHit): SearchResult {
  return { title, url, section, snippet, score, source };
}

export interface SearchOptions {
  topK: number;
  signal?: AbortSignal;
}

/** How many documentation chunks hold a word: a local index's statistics, for weighting terms by rarity. */
export interface TermStatistics {
  /** Number of chunks indexed. */
  readonly documents: number;
  /** Chunks containing the word (any inflection). */
  frequency(word: string): number;
  /** Whether documentation pages were synced (not only the bundled pack). */
  readonly docsSynced?: boolean;
}

export interface KnowledgeSource {
  readonly name: string;
  search(query: string, options: SearchOptions): Promise<KnowledgeHit[]>;
  /** Document frequencies, when the source has a local index. */
  termStatistics?(): TermStatistics | null;
  close?(): Promise<void>;
}

export type KnowledgeMode = "local" | "mcp" | "hybrid";

/** Counters that end up in the report's `knowledge` block. */
export interface KnowledgeStats {
  mode: KnowledgeMode;
  queries: number;
  cache_hits: number;
  fallbacks: number;
  errors: number;
}
