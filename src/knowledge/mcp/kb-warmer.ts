/**
 * Keeps the local knowledge base warm with what the MCP server returns: each linked excerpt is
 * stored as a chunk of a page of source 'mcp' (origin 'mcp'), so the local fallback can answer
 * with it when the server is down. Pages synced from the docs themselves are never overwritten;
 * a later `docs sync` of the same URL replaces the MCP page with the full one.
 */
import { createHash } from "node:crypto";
import type { KnowledgeHit, KnowledgeSource, SearchOptions } from "../../model/knowledge.js";
import type { KnowledgeBase } from "../local/knowledge-base.js";

export const MCP_ORIGIN = "mcp";
const MAX_CHUNKS_PER_PAGE = 40;

export function recordMcpHits(kb: KnowledgeBase, hits: KnowledgeHit[], now = new Date()): number {
  const byUrl = new Map<string, KnowledgeHit[]>();
  for (const h of hits) {
    if (h.source !== "mcp" || !h.content.trim()) continue;
    const list = byUrl.get(h.url);
    if (list) list.push(h);
    else byUrl.set(h.url, [h]);
  }
  let written = 0;
  const pageStmt = kb.db.prepare("SELECT id, source FROM pages WHERE url = ?");
  const chunkStmt = kb.db.prepare("SELECT section, content FROM chunks WHERE page_id = ? ORDER BY ord");
  kb.transaction(() => {
    for (const [url, pageHits] of byUrl) {
      const existing = pageStmt.get(url) as { id: number; source: string } | undefined;
      if (existing && existing.source !== "mcp") continue;
      const chunks = existing
        ? (chunkStmt.all(existing.id) as { section: string | null; content: string }[])
        : [];
      const known = new Set(chunks.map((c) => c.content));
      let added = false;
      for (const h of pageHits) {
        if (known.has(h.content)) continue;
        known.add(h.content);
        chunks.push({ section: h.section, content: h.content });
        added = true;
      }
      if (!added) continue;
      const kept = chunks.slice(-MAX_CHUNKS_PER_PAGE);
      const hash = createHash("sha256");
      for (const c of kept) hash.update(c.content).update("\0");
      kb.putPage(
        {
          url,
          path: null,
          title: pageHits[0]!.title,
          source: "mcp",
          origin: MCP_ORIGIN,
          contentHash: hash.digest("hex"),
        },
        kept,
        now.toISOString(),
      );
      written++;
    }
  });
  return written;
}

/** Passes searches through and records every answer into the local knowledge base. */
export class KbWarmingSource implements KnowledgeSource {
  readonly name: string;

  constructor(
    private readonly inner: KnowledgeSource & { cacheKey?: string },
    private readonly kb: KnowledgeBase,
    private readonly onError?: (err: unknown) => void,
  ) {
    this.name = inner.name;
  }

  get cacheKey(): string {
    return this.inner.cacheKey ?? this.inner.name;
  }

  async search(query: string, options: SearchOptions): Promise<KnowledgeHit[]> {
    const hits = await this.inner.search(query, options);
    try {
      recordMcpHits(this.kb, hits);
    } catch (err) {
      // A busy or read-only knowledge base must not cost the answer.
      this.onError?.(err);
    }
    return hits;
  }
}
