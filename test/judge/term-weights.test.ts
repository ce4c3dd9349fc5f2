/**
 * Term weights come from a real knowledge base's document frequencies: words in many chunks
 * ("flow") weigh little, rare ones ("handshake") fully, words the docs never use in between.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { claimFeatures } from "../../src/judge/claim-judge.js";
import { TermWeights } from "../../src/judge/term-weights.js";
import { KnowledgeBase } from "../../src/knowledge/local/knowledge-base.js";
import type { KnowledgeHit } from "../../src/model/knowledge.js";
import { compileLexicon } from "../../src/text/terms.js";

let kb: KnowledgeBase;

before(() => {
  kb = new KnowledgeBase(":memory:");
  const now = new Date().toISOString();
  kb.transaction(() => {
    for (let i = 0; i < 80; i++) {
      const rare = i === 7 ? " The webhook answers the validation handshake automatically." : "";
      kb.putPage(
        {
          url: `https://docs.example.com/p${i}`,
          path: `p${i}.md`,
          title: `Page ${i}`,
          source: "docs",
          origin: "https://docs.example.com",
          contentHash: String(i),
        },
        [{ section: null, content: `Flows run tasks. Page ${i} describes topic${i}.${rare}` }],
        now,
      );
    }
  });
});
after(() => kb.close());

test("the knowledge base reports document frequencies by word, any inflection", () => {
  const stats = kb.termStatistics();
  assert.equal(stats.documents, 80);
  assert.equal(stats.frequency("flow"), 80, "'Flows' is indexed under its stem");
  assert.equal(stats.frequency("handshake"), 1);
  assert.equal(stats.frequency("kubernetes"), 0);
});

test("rare words weigh more than frequent ones; words the docs never use sit in between", () => {
  const weights = new TermWeights(kb.termStatistics());
  const flow = weights.weight("flow", "flows");
  const handshake = weights.weight("handshak", "handshake");
  const unseen = weights.weight("kubernet", "kubernetes");
  assert.ok(flow < 0.2, `flow ${flow}`);
  assert.equal(handshake, 1);
  assert.ok(unseen > flow && unseen < handshake, `unseen ${unseen}`);
  // Without statistics the profile's weak terms (its frequent product words) stand in.
  const fixed = new TermWeights(null, compileLexicon({ weakTerms: ["flows"] }));
  assert.equal(fixed.weight("flow"), 0.35);
  assert.equal(fixed.weight("handshak"), 1);
});

test("the judge's alignment weighs a claim's terms by the knowledge base's frequencies", () => {
  const hit: KnowledgeHit = {
    title: "Webhooks",
    url: "https://docs.example.com/p7",
    section: null,
    snippet: "",
    content: "Flows run tasks. The webhook answers the validation handshake automatically.",
    score: 1,
    source: "local",
  };
  const a = claimFeatures(
    "Flows run tasks and the webhook answers the validation handshake automatically.",
    [hit],
    {
      termStats: kb.termStatistics(),
    },
  );
  const weights = a.clauses[0]!.weights;
  assert.ok(weights.get("flow")! < weights.get("handshak")!);
  assert.ok(a.pairs.length > 0, "the passage is a candidate");
});
