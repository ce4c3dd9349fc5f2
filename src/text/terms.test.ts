import assert from "node:assert/strict";
import { test } from "node:test";
import { normalizeNumbers } from "./numbers.js";
import { compileLexicon, ENGLISH_LEXICON } from "./terms.js";

const english = ENGLISH_LEXICON;

test("spoken numbers become figures", () => {
  assert.equal(normalizeNumbers("every fifteen seconds"), "every 15 seconds");
  assert.equal(normalizeNumbers("up to a hundred days"), "up to 100 days");
  assert.equal(normalizeNumbers("as many as a thousand runs"), "as many as 1000 runs");
  assert.equal(normalizeNumbers("two million task runs"), "2000000 task runs");
  assert.equal(normalizeNumbers("twenty-five retries"), "25 retries");
  assert.equal(normalizeNumbers("two hundred and fifty runs"), "250 runs");
  assert.equal(normalizeNumbers("a 1,000 runs limit"), "a 1000 runs limit");
  // "one" is a figure only when it counts a unit.
  assert.equal(normalizeNumbers("one hour"), "1 hour");
  assert.equal(normalizeNumbers("any one of its tags"), "any one of its tags");
});

test("durations in words: 'a day', 'an hour', 'hourly', 'every minute'", () => {
  assert.equal(normalizeNumbers("shorter than a day"), "shorter than 1 day");
  assert.equal(normalizeNumbers("within an hour"), "within 1 hour");
  assert.equal(normalizeNumbers("it runs every minute"), "it runs every 1 minute");
  assert.equal(english.normalize("an hourly schedule"), "an every 1 hour schedule");
});

test("spoken paraphrases take the docs' wording", () => {
  assert.equal(english.normalize("Out of the box the cache is shared"), "by default the cache is shared");
  assert.equal(
    english.normalize("it adjusts for daylight saving on its own"),
    "it adjusts for DST automatically",
  );
});

test("stems fold inflections and English synonyms", () => {
  assert.equal(english.stem("polling"), english.stem("polls"));
  assert.equal(english.stem("poll"), english.stem("polled"));
  assert.equal(english.stem("cancellation"), english.stem("cancelled"));
  assert.equal(english.stem("understands"), english.stem("supports"));
  assert.equal(english.stem("past"), english.stem("passed"));
  assert.deepEqual(english.contentTerms("Workers poll the server"), ["worker", "poll", "server"]);
  // Identifiers stay whole and also give their parts; figures of two or more digits are terms.
  assert.deepEqual(english.contentTerms("sdk.runtime on port 4200"), [
    "sdk.runtime",
    "sdk",
    "runtim",
    "port",
    "4200",
  ]);
});

test("a product lexicon adds its synonyms, phrasings and weak terms to the English ones", () => {
  const product = compileLexicon({
    synonyms: [["child", "subflow", "subflows"]],
    phrases: [{ spoken: ["fan it out"], docs: "map" }],
    weakTerms: ["acme"],
  });
  assert.equal(product.stem("subflows"), product.stem("child"));
  assert.notEqual(english.stem("subflows"), english.stem("child"));
  // The English synonyms still hold.
  assert.equal(product.stem("understands"), product.stem("supports"));
  assert.equal(product.normalize("you can fan it out out of the box"), "you can map by default");
  assert.ok(product.isWeak(product.stem("acme")));
  assert.ok(product.isWeak(product.stem("default")), "English weak terms stay weak");
  assert.ok(!english.isWeak(english.stem("acme")));
});
