import assert from "node:assert/strict";
import { test } from "node:test";
import { costUsd, priceFor } from "./pricing.js";

test("models find their price, dated snapshots included; unknown models have none", () => {
  assert.equal(priceFor("anthropic", "claude-sonnet-5-5")!.input, 2);
  assert.equal(priceFor("anthropic", "claude-haiku-4-5-20251001")!.output, 5);
  assert.equal(priceFor("openai", "gpt-5.4-mini-2026-03-17")!.cachedInput, 0.075);
  assert.equal(priceFor("anthropic", "claude-opus-5-5"), null, "a family is not a prefix match");
  assert.equal(priceFor("openai", "qwen2.5-7b-instruct"), null);
});

test("cost splits input into fresh, cache writes and cache reads", () => {
  const price = priceFor("anthropic", "claude-sonnet-5-5");
  const usage = { input: 10_000, output: 1_000, cachedRead: 6_000, cacheWrite: 3_000 };
  // 1000 fresh × $2 + 3000 writes × $2.50 + 6000 reads × $0.10 + 1000 out × $10, per million.
  assert.equal(costUsd(price, usage), (1_000 * 2 + 3_000 * 2.5 + 6_000 * 0.1 + 1_000 * 10) / 1e6);
  assert.equal(costUsd(null, usage), null);
});
