/**
 * The documentation excerpts one request shows the model, each under a short id (E1, E2, …).
 * The same hit retrieved for several items appears once. Ids are what the model cites, so the
 * catalog is also the check that a citation is real: an id not in it does not exist.
 */
import { createHash } from "node:crypto";
import type { KnowledgeHit } from "../../model/knowledge.js";
import { cleanDocText } from "../../text/doc-text.js";
import { bestSentences, contentTerms } from "../evidence-text.js";

export interface CatalogEntry {
  id: string;
  hit: KnowledgeHit;
  /** What the model reads: the whole chunk, or its sentences closest to the item when it is long. */
  excerpt: string;
  /** url + section + content hash: identifies the excerpt across runs (for the result cache). */
  identity: string;
}

/** A docs chunk up to this size goes in whole (most do); a longer one is cut to its relevant sentences. */
export const EXCERPT_MAX_CHARS = 1200;

export class EvidenceCatalog {
  private readonly entries: CatalogEntry[] = [];
  private readonly byIdentity = new Map<string, CatalogEntry>();
  private readonly byId = new Map<string, CatalogEntry>();

  /**
   * Adds the hits (deduplicated) and returns their ids in the hits' order. `focus` (the item's
   * sentence) picks which sentences of an over-long chunk the model gets to read.
   */
  add(hits: KnowledgeHit[], focus = ""): string[] {
    const ids: string[] = [];
    for (const hit of hits) {
      const identity = hitIdentity(hit);
      let entry = this.byIdentity.get(identity);
      if (!entry) {
        entry = { id: `E${this.entries.length + 1}`, hit, identity, excerpt: excerpt(hit, focus) };
        this.entries.push(entry);
        this.byIdentity.set(identity, entry);
        this.byId.set(entry.id, entry);
      }
      if (!ids.includes(entry.id)) ids.push(entry.id);
    }
    return ids;
  }

  get(id: string): CatalogEntry | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  all(): readonly CatalogEntry[] {
    return this.entries;
  }

  /** The excerpts as the model reads them. */
  render(): string {
    return this.entries
      .map((e) => {
        const where = e.hit.section ? ` § ${oneLine(e.hit.section)}` : "";
        return `[${e.id}] ${oneLine(e.hit.title)}${where}\n${e.hit.url}\n${e.excerpt}`;
      })
      .join("\n\n");
  }
}

export function hitIdentity(hit: KnowledgeHit): string {
  const digest = createHash("sha256")
    .update(hit.content || hit.snippet)
    .digest("hex")
    .slice(0, 16);
  return `${hit.url}#${hit.section ?? ""}@${digest}`;
}

function excerpt(hit: KnowledgeHit, focus: string): string {
  const source = hit.content || hit.snippet;
  const text = cleanDocText(source);
  // A chunk that is all code cleans to nothing: then the code is the evidence.
  if (!text) return source.replace(/\s+/g, " ").trim().slice(0, EXCERPT_MAX_CHARS);
  if (text.length <= EXCERPT_MAX_CHARS) return text;
  // Keep the sentences that share most terms with the item, shown in document order.
  const ranked = bestSentences(source, contentTerms(`${focus} ${hit.section ?? ""}`), 12);
  const chosen = new Set<string>();
  let size = 0;
  for (const sentence of ranked) {
    if (size + sentence.length > EXCERPT_MAX_CHARS) break;
    chosen.add(sentence);
    size += sentence.length + 1;
  }
  if (!chosen.size) return `${text.slice(0, EXCERPT_MAX_CHARS)} …`;
  const ordered = [...chosen].sort((a, b) => text.indexOf(a) - text.indexOf(b));
  return `… ${ordered.join(" … ")} …`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
