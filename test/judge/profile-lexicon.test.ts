/**
 * The judge's product lexicon comes from the profile: a profile's synonym group lets a claim
 * that uses one word align with a passage that uses the other, and its weak terms weigh little.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { claimFeatures } from "../../src/judge/claim-judge.js";
import { judgeOptionsFromProfile } from "../../src/judge/options.js";
import type { KnowledgeHit } from "../../src/model/knowledge.js";
import { loadProductProfile } from "../../src/product/profile.js";

/** A minimal profile of a made-up product, with `judge` as its judge section. */
function profileWith(judge: object) {
  const dir = mkdtempSync(join(tmpdir(), "judge-lexicon-"));
  writeFileSync(
    join(dir, "profile.json"),
    JSON.stringify({ name: "Acme", docs: { baseUrl: "https://docs.acme.test" }, judge }),
  );
  writeFileSync(join(dir, "vocabulary.json"), JSON.stringify({ productNames: ["Acme"], terms: ["gadget"] }));
  return loadProductProfile(dir);
}

const hit: KnowledgeHit = {
  title: "Gadgets",
  url: "https://docs.acme.test/gadgets",
  section: null,
  snippet: "",
  content: "A gadget restarts crashed sprockets after the lease expires.",
  score: 1,
  source: "local",
};
const claim = "The widget restarts crashed sprockets after the lease expires.";

function focusOf(judge: object): number {
  const options = judgeOptionsFromProfile(profileWith(judge), { withModel: false });
  const a = claimFeatures(claim, [hit], options);
  return a.top?.focus ?? 0;
}

test("a profile's synonym group makes the claim's word align with the docs' word", () => {
  const without = focusOf({});
  const withSynonyms = focusOf({ synonyms: [["gadget", "widget"]] });
  assert.ok(withSynonyms > without, `focus ${withSynonyms} should exceed ${without}`);
  assert.equal(withSynonyms, 1, "every claim term is in the passage once widget means gadget");
});

test("a profile's weak terms weigh little when the docs give no term statistics", () => {
  const options = judgeOptionsFromProfile(profileWith({ weakTerms: ["sprockets"] }), { withModel: false });
  const weights = claimFeatures(claim, [hit], options).clauses[0]!.weights;
  assert.ok(weights.get("sprocket")! < weights.get("leas")!);
});

test("the profile's judge section is validated: a synonym group needs two words", () => {
  assert.throws(() => profileWith({ synonyms: [["gadget"]] }), /profile/);
});
