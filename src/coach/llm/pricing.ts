/**
 * A small price table (USD per million tokens, standard tier, as published by the providers in
 * November 2026) to put a cost on each analysis. Unknown models and custom base URLs (a local or
 * proxy server whose price we cannot know) get `null`, never a guess.
 */
import type { ProviderName, TokenUsage } from "./providers/provider.js";

export interface Price {
  input: number;
  output: number;
  /** Cache hits. */
  cachedInput: number;
  /** Anthropic 5-minute cache writes; OpenAI has no write premium. */
  cacheWrite: number;
}

const claude = (input: number, output: number, cacheRead: number): Price => ({
  input,
  output,
  cachedInput: cacheRead,
  cacheWrite: input * 1.25,
});
const gpt = (input: number, cachedInput: number, output: number): Price => ({
  input,
  output,
  cachedInput,
  cacheWrite: input,
});

/** Model ids; dated snapshots (…-20251001, …-2026-03-17) find their entry. */
const PRICES: Record<ProviderName, Array<[string, Price]>> = {
  anthropic: [
    ["claude-fable-5", claude(10, 50, 1)],
    ["claude-fable-5-1", claude(10, 50, 0.25)],
    ["claude-opus-5", claude(5, 25, 0.5)],
    ["claude-opus-4-5", claude(5, 25, 0.5)],
    ["claude-opus-4-6", claude(5, 25, 0.5)],
    ["claude-opus-4-7", claude(5, 25, 0.5)],
    ["claude-opus-4-8", claude(5, 25, 0.5)],
    ["claude-sonnet-5", claude(2, 10, 0.2)],
    ["claude-sonnet-5-5", claude(2, 10, 0.1)],
    ["claude-sonnet-4-5", claude(3, 15, 0.3)],
    ["claude-sonnet-4-6", claude(3, 15, 0.3)],
    // Haiku 5.5 bills prompts over 100k tokens at 5x; a coaching request stays far below that.
    ["claude-haiku-5-5", claude(0.1, 0.5, 0.01)],
    ["claude-haiku-4-5", claude(1, 5, 0.1)],
  ],
  openai: [
    ["gpt-5.5", gpt(5, 0.5, 30)],
    ["gpt-5.4", gpt(2.5, 0.25, 15)],
    ["gpt-5.4-mini", gpt(0.75, 0.075, 4.5)],
    ["gpt-5.4-nano", gpt(0.2, 0.02, 1.25)],
  ],
};

export function priceFor(provider: ProviderName, model: string): Price | null {
  const family = model.replace(/-(\d{8}|\d{4}-\d{2}-\d{2})$/, "");
  return PRICES[provider].find(([id]) => id === family)?.[1] ?? null;
}

/** Cost of the usage in USD, rounded to a millionth of a dollar; null when the price is unknown. */
export function costUsd(price: Price | null, usage: TokenUsage): number | null {
  if (!price) return null;
  const fresh = Math.max(0, usage.input - usage.cachedRead - usage.cacheWrite);
  const dollars =
    (fresh * price.input +
      usage.cachedRead * price.cachedInput +
      usage.cacheWrite * price.cacheWrite +
      usage.output * price.output) /
    1_000_000;
  return Math.round(dollars * 1_000_000) / 1_000_000;
}
