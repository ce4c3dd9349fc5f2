/**
 * Everything an analysis needs from the outside world, opened once per process: the local
 * knowledge base (with the bundled pack indexed), the knowledge gateway for the configured mode,
 * and the optional LLM coach. `close()` releases all of it.
 */

import { llmCoachFromConfig } from "../coach/llm/from-config.js";
import type { LlmCoach } from "../coach/llm/types.js";
import type { Config } from "../config/env.js";
import { UsageError } from "../errors.js";
import { createKnowledgeGateway, type KnowledgeGateway } from "../knowledge/gateway.js";
import { type KnowledgeBase, openKnowledgeBase } from "../knowledge/local/knowledge-base.js";
import { LocalKnowledgeSource } from "../knowledge/local/local-source.js";
import { ensurePackIndexed } from "../knowledge/pack/pack-index.js";

export interface Runtime {
  readonly config: Config;
  readonly kb: KnowledgeBase;
  /** A gateway with fresh counters: one per analyzed call. */
  gateway(): KnowledgeGateway;
  readonly llm: LlmCoach | null;
  close(): Promise<void>;
}

export async function openRuntime(config: Config): Promise<Runtime> {
  if (config.knowledgeMode !== "local") {
    throw new UsageError(
      `CALL_COACH_KNOWLEDGE=${config.knowledgeMode} needs the MCP integration, which is not available in this build`,
    );
  }
  const kb = openKnowledgeBase(config.home);
  await ensurePackIndexed(kb);
  const local = new LocalKnowledgeSource(kb);
  const llm = llmCoachFromConfig(config, { warn: (m) => process.stderr.write(`call-coach: ${m}\n`) });
  return {
    config,
    kb,
    gateway: () => createKnowledgeGateway({ mode: "local", primary: local }),
    llm,
    async close() {
      llm?.close();
      kb.close();
    },
  };
}
