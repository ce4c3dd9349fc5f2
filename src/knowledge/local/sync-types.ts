/** What a docs sync reports, whatever the source. */

export interface SyncSummary {
  origin: string;
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** Pages left out on purpose (not text, too large, unreadable), with the reason. */
  skipped: { page: string; reason: string }[];
  /** Pages that could not be fetched after retries (URL mode). */
  failed: { page: string; reason: string }[];
  chunks: number;
  duration_ms: number;
}

export interface SyncProgress {
  /** Called with the number of pages handled so far and the total, when known. */
  onProgress?: (done: number, total: number) => void;
  /** Plain log lines (used when stderr is not a terminal). */
  log?: (line: string) => void;
}

/** Pages larger than this are skipped: no docs page is near it, and a runaway file must not bloat the index. */
export const MAX_PAGE_BYTES = 2 * 1024 * 1024;

/** Bumped when chunking changes so every page is re-indexed on the next sync. */
export const CHUNKER_VERSION = "1";

export function emptySummary(origin: string): SyncSummary {
  return {
    origin,
    added: 0,
    updated: 0,
    unchanged: 0,
    removed: 0,
    skipped: [],
    failed: [],
    chunks: 0,
    duration_ms: 0,
  };
}
