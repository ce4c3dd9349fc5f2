import assert from "node:assert/strict";
import { test } from "node:test";
import { createKnowledgeGateway } from "../../src/knowledge/gateway.js";
import type { KnowledgeHit, KnowledgeSource } from "../../src/model/knowledge.js";

function countingSource(delayMs = 5): KnowledgeSource & { calls: string[] } {
  const calls: string[] = [];
  return {
    name: "counting",
    calls,
    async search(query) {
      calls.push(query);
      await new Promise((r) => setTimeout(r, delayMs));
      const hit: KnowledgeHit = {
        title: "T",
        url: "https://x/y",
        section: null,
        snippet: query,
        content: query,
        score: 1,
        source: "local",
      };
      return [hit];
    },
  };
}

test("identical queries within a run are asked once, even in flight, and counted as cache hits", async () => {
  const source = countingSource();
  const gateway = createKnowledgeGateway({ mode: "local", primary: source });
  const results = await Promise.all([
    gateway.search("work pools  priority"),
    gateway.search("Work Pools priority"),
    gateway.search("work pools priority"),
    gateway.search("secret blocks"),
  ]);
  assert.deepEqual(source.calls, ["work pools  priority", "secret blocks"]);
  assert.equal(results[0], results[1]);
  assert.deepEqual(gateway.stats(), { mode: "local", queries: 2, cache_hits: 2, fallbacks: 0, errors: 0 });
  // A new gateway (a new run) asks again.
  await createKnowledgeGateway({ mode: "local", primary: source }).search("secret blocks");
  assert.equal(source.calls.length, 3);
});

test("a failing primary falls back and both are counted", async () => {
  const fallback = countingSource();
  const gateway = createKnowledgeGateway({
    mode: "hybrid",
    primary: { name: "down", search: () => Promise.reject(new Error("unreachable")) },
    fallback,
  });
  const hits = await gateway.search("retries");
  assert.equal(hits.length, 1);
  assert.deepEqual(gateway.stats(), { mode: "hybrid", queries: 1, cache_hits: 0, fallbacks: 1, errors: 1 });
});
