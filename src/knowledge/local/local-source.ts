/** The local knowledge base as a KnowledgeSource (synced docs answer as "local", the pack as "pack"). */
import type { KnowledgeHit, KnowledgeSource, SearchOptions, TermStatistics } from "../../model/knowledge.js";
import type { KnowledgeBase } from "./knowledge-base.js";

export class LocalKnowledgeSource implements KnowledgeSource {
  readonly name = "local knowledge base";
  constructor(private readonly kb: KnowledgeBase) {}

  async search(query: string, options: SearchOptions): Promise<KnowledgeHit[]> {
    return this.kb.search(query, { topK: options.topK });
  }

  termStatistics(): TermStatistics {
    return this.kb.termStatistics();
  }
}
