/**
 * Everything an analysis needs from the outside world, opened once per process: the local
 * knowledge base (with the bundled pack indexed), the knowledge gateway for the configured mode,
 * and the optional LLM coach. `close()` releases all of it (and ends any MCP server process).
 *
 * Modes: `local` asks the local knowledge base only. `mcp` asks the MCP server (through the docs
 * cache) and waits up to the request timeout; `hybrid` gives it CALL_COACH_MCP_BUDGET_MS. In both,
 * a query the server cannot answer is answered by the local knowledge base and counted as a
 * fallback, so an MCP outage never fails an analysis.
 */

import type { LlmCoach } from "../coach/llm/types.js";
import { type Config, llmConfigured } from "../config/env.js";
import type { JudgeOptions } from "../judge/claim-judge.js";
import { judgeOptionsFromProfile, profileJudgeOptions } from "../judge/options.js";
import { createKnowledgeGateway, type KnowledgeGateway } from "../knowledge/gateway.js";
import { type KnowledgeBase, openKnowledgeBase } from "../knowledge/local/knowledge-base.js";
import { LocalKnowledgeSource } from "../knowledge/local/local-source.js";
import type { McpKnowledge } from "../knowledge/mcp/mcp-knowledge.js";
import { ensurePackIndexed } from "../knowledge/pack/pack-index.js";
import { productHome, productProfile } from "../product/default.js";
import type { ProductProfile } from "../product/profile.js";
import { redactSecrets } from "../security/redact.js";

export interface Runtime {
  readonly config: Config;
  /** The product this process coaches on (CALL_COACH_PRODUCT / --product, else the default). */
  readonly profile: ProductProfile;
  /** The judge's model and product lexicons (the profile's, or CALL_COACH_JUDGE_MODEL's model). */
  readonly judge: JudgeOptions;
  readonly kb: KnowledgeBase;
  /** A gateway with fresh counters: one per analyzed call. */
  gateway(): KnowledgeGateway;
  readonly llm: LlmCoach | null;
  /** The MCP knowledge source (mode mcp or hybrid), else null. */
  readonly mcp: McpKnowledge | null;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Warning lines (MCP unavailable, …); stderr by default. */
  log?: (line: string) => void;
}

export async function openRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const log = options.log ?? ((line: string) => process.stderr.write(`call-coach: ${line}\n`));
  const profile = productProfile(config.productDir);
  // Each product has its own knowledge base and docs cache (the default product's stay in the home).
  const home = productHome(config.home, profile);
  const kb = openKnowledgeBase(home);
  if (profile.packDir) await ensurePackIndexed(kb, profile.packDir);
  const local = new LocalKnowledgeSource(kb);
  // The LLM SDKs and the MCP client are loaded only when configured: most runs need neither,
  // and loading them would double the CLI's start-up time.
  const llm = llmConfigured(config.llm)
    ? (await import("../coach/llm/from-config.js")).llmCoachFromConfig(config, { warn: (m) => log(m) })
    : null;
  const mcp =
    config.knowledgeMode === "local"
      ? null
      : (await import("../knowledge/mcp/mcp-knowledge.js")).openMcpKnowledge({
          mcp: config.mcp,
          home,
          kb,
          log,
        });
  const warned = new Set<string>();
  const warnOnce = (err: unknown) => {
    const code = (err as { code?: string }).code ?? (err as Error).name;
    if (warned.has(code)) return;
    warned.add(code);
    log(
      `knowledge: ${redactSecrets(err instanceof Error ? err.message : String(err))}; the local knowledge base answers instead`,
    );
  };
  const judge = config.judgeModel
    ? judgeOptionsFromProfile(profile, { modelFile: config.judgeModel })
    : profileJudgeOptions(profile);
  return {
    config,
    profile,
    judge,
    kb,
    mcp,
    gateway: () =>
      mcp
        ? createKnowledgeGateway({
            mode: config.knowledgeMode,
            primary: mcp.source,
            fallback: local,
            ...(config.knowledgeMode === "hybrid" ? { budgetMs: config.mcp.budgetMs } : {}),
            onPrimaryError: warnOnce,
          })
        : createKnowledgeGateway({ mode: "local", primary: local }),
    llm,
    async close() {
      llm?.close();
      await mcp?.close();
      kb.close();
    },
  };
}
