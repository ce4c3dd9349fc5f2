import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import type { KnowledgeHit, KnowledgeSource, SearchOptions } from "../model/knowledge.js";
import { CachedKnowledgeSource } from "./cache/cached-source.js";
import { DocsCache } from "./cache/docs-cache.js";
import { createKnowledgeGateway } from "./gateway.js";

const dir = mkdtempSync(join(tmpdir(), "cc-gw-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function hit(title: string, source: KnowledgeHit["source"]): KnowledgeHit {
  return {
    title,
    url: `https://docs.test/${title}`,
    section: null,
    snippet: title,
    content: title,
    score: 1,
    source,
  };
}

class Source implements KnowledgeSource {
  calls = 0;
  constructor(
    readonly name: string,
    private readonly behave: (q: string) => Promise<KnowledgeHit[]>,
  ) {}
  search(query: string, _options: SearchOptions) {
    this.calls++;
    return this.behave(query);
  }
}

const local = () =>
  new Source("local", async (q) => [hit(`${q}-local`, "local"), hit(`${q}-learned`, "mcp")]);

describe("knowledge gateway", () => {
  it("asks each distinct query once per run and counts repeats as cache hits", async () => {
    const primary = new Source("mcp", async (q) => [hit(q, "mcp")]);
    const gw = createKnowledgeGateway({ mode: "mcp", primary, fallback: local() });
    await Promise.all([gw.search("flows"), gw.search("Flows "), gw.search("work pools")]);
    assert.equal(primary.calls, 2);
    assert.deepEqual(gw.stats(), { mode: "mcp", queries: 2, cache_hits: 1, fallbacks: 0, errors: 0 });
  });

  it("falls back on failure, counting it, and labels the fallback's answers as local", async () => {
    const errors: unknown[] = [];
    const primary = new Source("mcp", async () => {
      throw new Error("server down");
    });
    const gw = createKnowledgeGateway({
      mode: "mcp",
      primary,
      fallback: local(),
      onPrimaryError: (e) => errors.push(e),
    });
    const hits = await gw.search("secrets");
    assert.deepEqual(
      hits.map((h) => h.source),
      ["local", "local"],
    );
    assert.deepEqual(gw.stats(), { mode: "mcp", queries: 1, cache_hits: 0, fallbacks: 1, errors: 1 });
    assert.equal(errors.length, 1);
  });

  it("returns nothing (and counts the error) when there is no fallback", async () => {
    const gw = createKnowledgeGateway({
      mode: "local",
      primary: new Source("local", async () => {
        throw new Error("db locked");
      }),
    });
    assert.deepEqual(await gw.search("x"), []);
    assert.equal(gw.stats().errors, 1);
  });

  it("in hybrid mode, a slow primary costs one budget per run, not one per query", async () => {
    const primary = new Source("mcp", (q) => new Promise((r) => setTimeout(() => r([hit(q, "mcp")]), 1_000)));
    const gw = createKnowledgeGateway({ mode: "hybrid", primary, fallback: local(), budgetMs: 200 });
    const first = await gw.search("first");
    assert.equal(first[0]?.source, "local", "the first query fell back when the budget ran out");
    const rest = await Promise.all(["a", "b", "c", "d"].map((q) => gw.search(q)));
    assert.ok(rest.every((hits) => hits[0]?.source === "local"));
    assert.equal(primary.calls, 1, "the primary is not asked again in this run");
    assert.deepEqual(gw.stats(), { mode: "hybrid", queries: 5, cache_hits: 0, fallbacks: 5, errors: 5 });
  });

  it("counts persistent cache hits, and after a budget overrun still uses what the cache holds", async () => {
    let slow = false;
    const inner = new Source(
      "mcp",
      (q) => new Promise((r) => setTimeout(() => r([hit(q, "mcp")]), slow ? 1_000 : 1)),
    );
    const cache = new DocsCache(join(dir, "gw.db"));
    const cached = new CachedKnowledgeSource(inner, cache, {
      sourceKey: "k",
      times: { ttlMs: 60_000, staleMs: 60_000 },
    });
    const warmRun = createKnowledgeGateway({
      mode: "hybrid",
      primary: cached,
      fallback: local(),
      // Generous: this run must not overrun (a busy machine must not turn it into a fallback).
      budgetMs: 5_000,
    });
    await warmRun.search("flows");
    assert.equal(warmRun.stats().cache_hits, 0);

    slow = true;
    const run = createKnowledgeGateway({ mode: "hybrid", primary: cached, fallback: local(), budgetMs: 100 });
    assert.equal((await run.search("work pools"))[0]?.source, "local", "the slow miss fell back");
    const fromCache = await run.search("flows");
    assert.equal(fromCache[0]?.source, "mcp");
    assert.deepEqual(run.stats(), { mode: "hybrid", queries: 2, cache_hits: 1, fallbacks: 1, errors: 1 });
    await cached.settle();
    assert.equal(cached.peek("work pools", 5)?.[0]?.title, "work pools", "the late answer warmed the cache");
    cache.close();
  });
});
