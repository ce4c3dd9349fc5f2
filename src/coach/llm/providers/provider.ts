/**
 * What the coach needs from an LLM provider: one structured completion. Providers translate the
 * request into their wire format (through the official SDKs) and report usage in one shape.
 */
import { type LlmFaultKind, ServiceError } from "../../../errors.js";
import { redactSecrets } from "../../../security/redact.js";
import type { AnswerFormat } from "../answer-schema.js";

export type ProviderName = "anthropic" | "openai";

export interface PromptBlock {
  text: string;
  /**
   * Marks the end of a prefix worth caching (the call's transcript window): Anthropic gets a
   * `cache_control` breakpoint here; OpenAI caches common prefixes on its own.
   */
  cache?: boolean;
}

export interface StructuredRequest<T> {
  /** Identical for every request of a prompt version, so providers can cache it. */
  system: string;
  /** The user turn, in order: static-per-call context first, the task last. */
  blocks: PromptBlock[];
  format: AnswerFormat<T>;
  maxOutputTokens: number;
  /** Groups requests that share a prefix (OpenAI `prompt_cache_key`). */
  cacheKey?: string;
}

export interface TokenUsage {
  /** All input tokens the provider processed, cached or not. */
  input: number;
  output: number;
  /** Input tokens read from the provider's prompt cache (part of `input`). */
  cachedRead: number;
  /** Input tokens written to the prompt cache (Anthropic bills them at a premium; part of `input`). */
  cacheWrite: number;
}

export interface StructuredResult {
  /** The model's structured answer as text (JSON expected); null when it gave none. */
  text: string | null;
  usage: TokenUsage;
  /** Provider's stop reason, e.g. end_turn, tool_use, max_tokens, length, stop. */
  stopReason: string | null;
}

export interface LlmProvider {
  readonly name: ProviderName;
  readonly model: string;
  /** True when talking to the provider's own API (prices known), false for a custom base URL. */
  readonly official: boolean;
  complete<T>(request: StructuredRequest<T>, signal?: AbortSignal): Promise<StructuredResult>;
}

/** The kinds are defined with the other error codes (errors.ts), as codes `llm_<kind>`. */
export type ProviderFaultKind = LlmFaultKind;

/** A provider call that failed after the SDK's own retries. Its message never carries a key. */
export class LlmProviderError extends ServiceError {
  readonly kind: ProviderFaultKind;
  readonly status: number | null;
  constructor(provider: ProviderName, kind: ProviderFaultKind, status: number | null, detail: string) {
    super(`LLM ${provider}`, redactSecrets(`${kind}${status ? ` (HTTP ${status})` : ""}: ${detail}`), {
      code: `llm_${kind}`,
    });
    this.name = "LlmProviderError";
    this.kind = kind;
    this.status = status;
  }
}

/** Maps an SDK error (both SDKs share the same error class layout) to a typed provider fault. */
export function classifyProviderError(provider: ProviderName, err: unknown): LlmProviderError {
  if (err instanceof LlmProviderError) return err;
  const e = err as { name?: string; status?: number; message?: string; constructor?: { name?: string } };
  const cls = e?.constructor?.name ?? e?.name ?? "";
  const status = typeof e?.status === "number" ? e.status : null;
  const message = oneLine(e?.message ?? String(err));
  if (/UserAbort/i.test(cls) || e?.name === "AbortError")
    return new LlmProviderError(provider, "aborted", null, message);
  if (/Timeout/i.test(cls)) return new LlmProviderError(provider, "timeout", null, message);
  if (/Connection/i.test(cls)) return new LlmProviderError(provider, "connection", null, message);
  if (status === 429) return new LlmProviderError(provider, "rate_limited", status, message);
  if (status === 401 || status === 403) return new LlmProviderError(provider, "auth", status, message);
  if (status != null && status >= 500) return new LlmProviderError(provider, "server_error", status, message);
  if (status != null && status >= 400) return new LlmProviderError(provider, "bad_request", status, message);
  return new LlmProviderError(provider, "other", status, message);
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
