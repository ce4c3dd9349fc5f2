/**
 * Writes synced pages into the knowledge base in batches, one transaction per batch, and removes
 * the origin's pages that the sync did not see, last. A crash mid-sync leaves every page either
 * old or new, never half-written, and the previous pages searchable.
 */
import { createHash } from "node:crypto";
import { parsePage } from "./chunk.js";
import type { KnowledgeBase, PageSource } from "./knowledge-base.js";
import { CHUNKER_VERSION, type SyncSummary } from "./sync-types.js";

export interface IncomingPage {
  url: string;
  path: string | null;
  markdown: string;
  /** Title from navigation or an index; the page's own front matter/H1 is the fallback. */
  title?: string | null;
  /** Extra words indexed with the title (navigation breadcrumb), not shown. */
  breadcrumb?: string | null;
  etag?: string | null;
  lastModified?: string | null;
}

export const BATCH_SIZE = 100;

export function contentHash(page: IncomingPage): string {
  return createHash("sha256")
    .update(CHUNKER_VERSION)
    .update("\0")
    .update(page.title ?? "")
    .update("\0")
    .update(page.breadcrumb ?? "")
    .update("\0")
    .update(page.markdown)
    .digest("hex");
}

export class PageWriter {
  private batch: IncomingPage[] = [];
  private readonly seen = new Set<string>();
  private readonly syncedAt = new Date().toISOString();

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly origin: string,
    private readonly source: PageSource,
    private readonly summary: SyncSummary,
  ) {}

  /** Marks a page as still present without new content (HTTP 304). */
  keep(url: string, validators?: { etag?: string | null; lastModified?: string | null }): void {
    this.seen.add(url);
    const existing = this.kb.getPage(url);
    if (existing) {
      this.kb.touchPage(existing.id, this.syncedAt, validators);
      this.summary.unchanged++;
    }
  }

  add(page: IncomingPage): void {
    this.seen.add(page.url);
    this.batch.push(page);
    if (this.batch.length >= BATCH_SIZE) this.flush();
  }

  flush(): void {
    const batch = this.batch;
    this.batch = [];
    if (!batch.length) return;
    this.kb.transaction(() => {
      for (const page of batch) this.write(page);
    });
  }

  /** Writes what is pending, then deletes the origin's pages this sync did not see. */
  finish(options: { removeMissing: boolean }): void {
    this.flush();
    if (!options.removeMissing) return;
    this.kb.transaction(() => {
      for (const stored of this.kb.pagesOfOrigin(this.origin)) {
        if (this.seen.has(stored.url)) continue;
        this.kb.deletePageById(stored.id);
        this.summary.removed++;
      }
    });
  }

  private write(page: IncomingPage): void {
    const hash = contentHash(page);
    const existing = this.kb.getPage(page.url);
    if (existing && existing.content_hash === hash) {
      this.kb.touchPage(existing.id, this.syncedAt, {
        etag: page.etag ?? null,
        lastModified: page.lastModified ?? null,
      });
      this.summary.unchanged++;
      return;
    }
    const parsed = parsePage(page.markdown);
    const title = page.title?.trim() || parsed.title || titleFromUrl(page.url);
    const chunks = parsed.chunks.length
      ? parsed.chunks
      : [{ section: null, content: parsed.description ?? title }];
    this.kb.putPage(
      {
        url: page.url,
        path: page.path,
        title,
        source: this.source,
        origin: this.origin,
        contentHash: hash,
        etag: page.etag ?? null,
        lastModified: page.lastModified ?? null,
      },
      chunks,
      this.syncedAt,
      page.breadcrumb ?? null,
    );
    this.summary.chunks += chunks.length;
    if (existing) this.summary.updated++;
    else this.summary.added++;
  }
}

function titleFromUrl(url: string): string {
  const last =
    url
      .replace(/[#?].*$/, "")
      .replace(/\/$/, "")
      .split("/")
      .pop() ?? url;
  const words = decodeURIComponent(last)
    .replace(/\.(md|mdx|txt)$/i, "")
    .replace(/[-_]+/g, " ")
    .trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : url;
}
