/**
 * Chooses the LLM provider from configuration. None configured means no LLM coach at all: the
 * deterministic path runs unchanged.
 *   - ANTHROPIC_API_KEY → Claude (ANTHROPIC_BASE_URL for a gateway);
 *   - OPENAI_API_KEY or OPENAI_BASE_URL → OpenAI or any OpenAI-compatible server (llama.cpp,
 *     vLLM, Ollama need only the base URL);
 *   - both configured: Claude, unless CALL_COACH_LLM_MODEL names a non-Claude model.
 */
import type { Config } from "../../config/env.js";
import { GroundedLlmCoach } from "./coach.js";
import { AnthropicProvider } from "./providers/anthropic.js";
import { OpenAiProvider } from "./providers/openai.js";
import type { LlmProvider } from "./providers/provider.js";
import { SqliteLlmResultCache } from "./result-cache.js";

export function providerFromConfig(config: Config): LlmProvider | null {
  const { llm } = config;
  const anthropic = llm.anthropicKey != null;
  const openai = llm.openaiKey != null || llm.openaiBaseUrl != null;
  const wantsClaude = llm.model == null || /^claude/i.test(llm.model);
  const timeoutMs = llm.timeoutMs ?? undefined;
  if (anthropic && (wantsClaude || !openai)) {
    return new AnthropicProvider({
      apiKey: llm.anthropicKey!,
      baseURL: llm.anthropicBaseUrl,
      model: llm.model,
      ...(timeoutMs ? { timeoutMs } : {}),
    });
  }
  if (openai) {
    return new OpenAiProvider({
      apiKey: llm.openaiKey,
      baseURL: llm.openaiBaseUrl,
      model: llm.model,
      ...(timeoutMs ? { timeoutMs } : {}),
    });
  }
  return null;
}

export function llmCoachFromConfig(
  config: Config,
  options: { warn?: (message: string) => void } = {},
): GroundedLlmCoach | null {
  const provider = providerFromConfig(config);
  if (!provider) return null;
  let cache: SqliteLlmResultCache | null = null;
  try {
    cache = SqliteLlmResultCache.inHome(config.home);
  } catch (err) {
    // Without its cache the coach still works; it just pays for every analysis.
    options.warn?.(`LLM result cache unavailable (${(err as Error).message}); answers will not be cached`);
  }
  return new GroundedLlmCoach({
    provider,
    cache,
    ...(config.llm.tokenBudget ? { tokenBudget: config.llm.tokenBudget } : {}),
    ...(options.warn ? { warn: options.warn } : {}),
  });
}
