/**
 * Analysis follows the product profile: another product's vocabulary, competitors, objection
 * topics and names change what is found, with no code change; the default profile keeps its own.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Call } from "../model/call.js";
import { parseTranscript } from "../parse/index.js";
import { defaultProductProfile } from "../product/default.js";
import type { ProductProfile } from "../product/profile.js";
import { analyzeConversation } from "./index.js";
import { objectionFeatures } from "./moments/objection-features.js";
import { objectionLexicon } from "./moments/objection-lexicon.js";
import { isObjectionByRules } from "./moments/objections.js";
import { compiledProduct } from "./product.js";

const prefect = defaultProductProfile();

/** A made-up accounting product: its own words, one competitor, one topic besides "other". */
const ledger: ProductProfile = {
  ...prefect,
  name: "Tally",
  vocabulary: { productNames: ["Tally", "Tally Cloud"], terms: ["ledger", "reconciliation", "invoice"] },
  docsTerms: [],
  competitors: [{ name: "Quickbooks", aliases: ["Quickbooks", "QBO"] }],
  objectionTopics: [
    {
      name: "data-residency",
      queryTerms: "data residency regions",
      cues: [{ weight: 2, words: ["residency", "regions?", "eu"] }],
      opener: "Say which region holds their data.",
    },
    { name: "other", queryTerms: "", cues: [] },
  ],
  editions: null,
  models: { judge: null, objection: null, claim: null },
};

const call = (lines: string[]): Call =>
  parseTranscript(lines.join("\n"), { fileName: "t.txt", internal: ["Ana Silva"] });

test("a profile with another vocabulary finds other claims", () => {
  const c = call([
    "[00:00:01] Ana Silva: Every invoice is matched to the ledger automatically during reconciliation.",
    "[00:00:10] Ana Silva: Every flow run retries failed tasks automatically with the retries you set.",
  ]);
  assert.deepEqual(
    analyzeConversation(c, { profile: ledger }).claims.map((m) => m.topic),
    ["invoice"],
  );
  assert.deepEqual(
    analyzeConversation(c, { profile: prefect }).claims.map((m) => m.text),
    ["Every flow run retries failed tasks automatically with the retries you set."],
  );
});

test("competitors come from the profile", () => {
  const c = call(["[00:00:01] Bo Chen: We use QBO today and looked at Airflow for the jobs."]);
  assert.deepEqual(
    analyzeConversation(c, { profile: ledger }).competitors.map((m) => m.competitor),
    ["Quickbooks"],
  );
  assert.deepEqual(
    analyzeConversation(c, { profile: prefect }).competitors.map((m) => m.competitor),
    ["Airflow"],
  );
});

test("objection topics and their cue words come from the profile", () => {
  const c = call(["[00:00:01] Bo Chen: I'm worried our EU data would leave the region."]);
  const [mine] = analyzeConversation(c, { profile: ledger }).objections;
  assert.equal(mine?.topic, "data-residency");
  const [theirs] = analyzeConversation(c, { profile: prefect }).objections;
  assert.ok(theirs && theirs.topic !== "data-residency");
  assert.ok(prefect.objectionTopics.some((t) => t.name === theirs.topic));
});

test("the cue rules and the second-person feature take the product's names from the profile", () => {
  const s = "Tally looks expensive for a team our size.";
  assert.equal(isObjectionByRules(s, objectionLexicon(ledger)), true);
  assert.equal(isObjectionByRules(s, objectionLexicon(prefect)), false);
  const features = (profile: ProductProfile) =>
    objectionFeatures(s, { rules: false, currentPain: false }, objectionLexicon(profile));
  // The feature keeps its name, so a fitted model's weight for it still applies.
  assert.ok(features(ledger).includes("h:second-person"));
  assert.ok(!features(prefect).includes("h:second-person"));
  assert.ok(
    objectionFeatures(
      "Prefect looks expensive.",
      { rules: false, currentPain: false },
      objectionLexicon(prefect),
    ).includes("h:second-person"),
  );
});

test("a profile without a fitted objection model borrows the default's and finds a plain concern", () => {
  const c = call([
    "[00:00:01] Bo Chen: Tally looks expensive for a team our size.",
    "[00:00:05] Bo Chen: We close the books on the fifth working day.",
  ]);
  assert.deepEqual(
    analyzeConversation(c, { profile: ledger }).objections.map((o) => o.text),
    ["Tally looks expensive for a team our size."],
  );
});

test("a profile that borrows the default objection model applies its recall-first threshold", () => {
  const own = objectionLexicon(prefect).model()!;
  const borrowed = objectionLexicon(ledger).model()!;
  assert.ok(own.recallThreshold! < own.threshold, `${own.recallThreshold} < ${own.threshold}`);
  assert.equal(borrowed.threshold, own.recallThreshold);
  assert.deepEqual(borrowed.weights, own.weights);
  // The profile's own model keeps the threshold it was chosen with.
  assert.equal(objectionLexicon(prefect).model()!.threshold, own.threshold);
});

test("a profile is compiled once and reused", () => {
  assert.equal(compiledProduct(ledger), compiledProduct(ledger));
  assert.notEqual(compiledProduct(ledger), compiledProduct(prefect));
});
