import assert from "node:assert/strict";
import { test } from "node:test";
import { contentTerms, normalizeNumbers, normalizeText, stem } from "./text-terms.js";

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
  assert.equal(normalizeText("an hourly schedule"), "an every 1 hour schedule");
});

test("spoken paraphrases take the docs' wording", () => {
  assert.equal(normalizeText("Out of the box the cache is shared"), "by default the cache is shared");
  assert.equal(
    normalizeText("it adjusts for daylight saving on its own"),
    "it adjusts for DST automatically",
  );
});

test("stems fold inflections and field synonyms", () => {
  assert.equal(stem("polling"), stem("polls"));
  assert.equal(stem("poll"), stem("polled"));
  assert.equal(stem("cancellation"), stem("cancelled"));
  assert.equal(stem("understands"), stem("supports"));
  assert.equal(stem("past"), stem("passed"));
  assert.deepEqual(contentTerms("Workers poll the server"), ["worker", "poll", "server"]);
  // Identifiers stay whole and also give their parts; figures of two or more digits are terms.
  assert.deepEqual(contentTerms("prefect.runtime on port 4200"), [
    "prefect.runtime",
    "prefect",
    "runtim",
    "port",
    "4200",
  ]);
});
