import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { KnowledgeBase } from "../../src/knowledge/local/knowledge-base.js";
import { buildFtsQuery, queryConcepts } from "../../src/knowledge/local/query.js";
import { syncFromDirectory } from "../../src/knowledge/local/sync-dir.js";

const FIXTURE = join(process.cwd(), "test", "fixtures", "docs-mini");
const BASE = "https://docs.example.com";
let kb: KnowledgeBase;

before(async () => {
  kb = new KnowledgeBase(":memory:");
  await syncFromDirectory(kb, { dir: FIXTURE, baseUrl: BASE });
});
after(() => kb.close());

const urls = (query: string, topK = 3) => kb.search(query, { topK }).map((h) => h.url.replace(BASE, ""));

test("results carry title, url, section, snippet and score, best first", () => {
  const hits = kb.search("work queue priority", { topK: 3 });
  assert.equal(hits[0]?.url, `${BASE}/v3/concepts/work-pools`);
  assert.equal(hits[0]?.title, "Work pools");
  assert.equal(hits[0]?.section, "Work queues");
  assert.match(hits[0]!.snippet, /Lower numbers take greater priority/);
  assert.equal(hits[0]?.source, "local");
  for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1]!.score >= hits[i]!.score);
});

test("a title match outranks a body mention", () => {
  // "workers" appears in the body of the Kubernetes and work pools pages; the Workers page title wins.
  assert.equal(urls("workers")[0], "/v3/concepts/workers");
  assert.equal(urls("variables")[0], "/v3/concepts/variables");
});

test("a heading match outranks a body mention on another page", () => {
  assert.equal(urls("job template")[0], "/v3/how-to-guides/deployment_infra/kubernetes");
  assert.equal(kb.search("job template", { topK: 1 })[0]?.section, "Configure the job template");
});

test("field synonyms: k8s finds Kubernetes, credentials find secrets", () => {
  assert.equal(urls("k8s")[0], "/v3/how-to-guides/deployment_infra/kubernetes");
  assert.equal(urls("where do credentials go")[0], "/v3/concepts/variables");
  assert.deepEqual(queryConcepts("k8s")[0]?.slice(0, 2), ["k8s", "kubernetes"]);
});

test("chunks covering more of the query rank above chunks repeating one word", () => {
  assert.equal(urls("worker heartbeats offline")[0], "/v3/concepts/workers");
});

test("words missing from the knowledge base never leave the query empty", () => {
  // "zeppelin" is in no chunk; the other words are in several chunks of this small tree, which
  // must all still be matched (only large knowledge bases leave their commonest words out).
  const hits = kb.search("zeppelin work pool worker", { topK: 5 });
  assert.ok(hits.length >= 2, `got ${hits.length} hits`);
  assert.deepEqual(kb.search("zeppelin quixotic", { topK: 3 }), []);
});

test("stopwords and figures alone make no query; punctuation cannot break FTS syntax", () => {
  assert.equal(buildFtsQuery("what is the 42"), null);
  assert.deepEqual(kb.search("the and of", { topK: 3 }), []);
  assert.doesNotThrow(() => kb.search('"unbalanced (quote AND OR NEAR* prefect.yaml', { topK: 3 }));
});
