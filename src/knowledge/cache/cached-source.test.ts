import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import type { KnowledgeHit, KnowledgeSource, SearchOptions } from "../../model/knowledge.js";
import { CachedKnowledgeSource } from "./cached-source.js";
import { DocsCache } from "./docs-cache.js";

const dir = mkdtempSync(join(tmpdir(), "cc-cache-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

function hit(title: string): KnowledgeHit {
  return {
    title,
    url: `https://docs.test/${title}`,
    section: null,
    snippet: title,
    content: title,
    score: 1,
    source: "mcp",
  };
}

/** A source that answers after `delayMs`, counting what it was asked. */
class CountingSource implements KnowledgeSource {
  readonly name = "counting";
  calls: string[] = [];
  aborted = 0;
  version = 1;
  constructor(private readonly delayMs = 20) {}
  search(query: string, options: SearchOptions): Promise<KnowledgeHit[]> {
    this.calls.push(query);
    const answer = [hit(`${query}-v${this.version}`)];
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => resolve(answer), this.delayMs);
      options.signal?.addEventListener("abort", () => {
        clearTimeout(t);
        this.aborted++;
        reject(new Error("aborted"));
      });
    });
  }
}

function setup(ttlMs = 1_000, staleMs = 10_000, delayMs = 20) {
  let now = 1_000_000;
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  const cache = new DocsCache(join(dir, `c${n++}.db`), clock.now);
  const inner = new CountingSource(delayMs);
  const source = new CachedKnowledgeSource(inner, cache, {
    sourceKey: "mcp test",
    times: { ttlMs, staleMs },
  });
  return { cache, inner, source, clock };
}

describe("CachedKnowledgeSource", () => {
  it("answers a repeated query from the cache, case and spacing ignored", async () => {
    const { cache, inner, source } = setup();
    const first = await source.lookup("Work  Pools", { topK: 5 });
    const second = await source.lookup("work pools", { topK: 5 });
    assert.equal(first.outcome, "miss");
    assert.equal(second.outcome, "fresh");
    assert.deepEqual(second.hits, first.hits);
    assert.equal(inner.calls.length, 1);
    assert.deepEqual(cache.stats().counters, {
      hits: 1,
      stale_hits: 0,
      misses: 1,
      refreshes: 0,
      refresh_errors: 0,
    });
    cache.close();
  });

  it("keys by top_k too", async () => {
    const { cache, inner, source } = setup();
    await source.lookup("flows", { topK: 5 });
    await source.lookup("flows", { topK: 8 });
    assert.equal(inner.calls.length, 2);
    cache.close();
  });

  it("shares one request between concurrent identical misses (single-flight)", async () => {
    const { cache, inner, source } = setup();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => source.lookup("retries", { topK: 5 })),
    );
    assert.equal(inner.calls.length, 1);
    assert.ok(answers.every((a) => a.hits[0]?.title === "retries-v1"));
    cache.close();
  });

  it("serves a stale answer at once and refreshes it in the background", async () => {
    const { cache, inner, source, clock } = setup(1_000, 10_000);
    await source.lookup("kubernetes", { topK: 5 });
    inner.version = 2;
    clock.advance(2_000);
    const stale = await source.lookup("kubernetes", { topK: 5 });
    assert.equal(stale.outcome, "stale");
    assert.equal(stale.hits[0]?.title, "kubernetes-v1");
    assert.equal(source.pending, 1, "a refresh is running");
    await source.settle();
    const fresh = await source.lookup("kubernetes", { topK: 5 });
    assert.equal(fresh.outcome, "fresh");
    assert.equal(fresh.hits[0]?.title, "kubernetes-v2");
    assert.equal(cache.stats().counters.refreshes, 1);
    cache.close();
  });

  it("treats entries past the stale limit as misses", async () => {
    const { cache, inner, source, clock } = setup(1_000, 5_000);
    await source.lookup("secrets", { topK: 5 });
    clock.advance(5_001);
    assert.equal((await source.lookup("secrets", { topK: 5 })).outcome, "miss");
    assert.equal(inner.calls.length, 2);
    assert.equal(cache.stats().expired, 0, "the new answer replaced the expired entry");
    cache.close();
  });

  it("cancels the shared request only when every waiting caller gave up", async () => {
    const { cache, inner, source } = setup(1_000, 10_000, 200);
    const a = new AbortController();
    const b = new AbortController();
    const pa = source.lookup("automations", { topK: 5, signal: a.signal });
    const pb = source.lookup("automations", { topK: 5, signal: b.signal });
    a.abort();
    await assert.rejects(pa);
    assert.equal(inner.aborted, 0, "b still waits");
    b.abort();
    await assert.rejects(pb);
    await source.settle();
    assert.equal(inner.aborted, 1);
    cache.close();
  });

  it("stores an answer that arrives after its caller moved on without aborting", async () => {
    const { cache, source } = setup(1_000, 10_000, 100);
    const late = source.lookup("events", { topK: 5 });
    await Promise.race([late, new Promise((r) => setTimeout(r, 10))]);
    await late;
    assert.equal((await source.lookup("events", { topK: 5 })).outcome, "fresh");
    cache.close();
  });

  it("clear() empties entries and counters", async () => {
    const { cache, source } = setup();
    await source.lookup("work pools", { topK: 5 });
    assert.equal(cache.stats().entries, 1);
    assert.equal(cache.clear(), 1);
    const s = cache.stats();
    assert.equal(s.entries, 0);
    assert.equal(s.counters.misses, 0);
    cache.close();
  });
});
