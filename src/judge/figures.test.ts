import assert from "node:assert/strict";
import { test } from "node:test";
import { ENGLISH_LEXICON } from "../text/terms.js";
import { conflictingFigure, figuresAgree, figuresOf, statedDefault } from "./figures.js";

const n = (text: string) => ENGLISH_LEXICON.normalize(text);

test("durations compare in seconds: 24 hours is a day", () => {
  assert.equal(conflictingFigure(n("intervals of 24 hours"), n("intervals of a day")), null);
  assert.match(conflictingFigure(n("late after five minutes"), "late after 15 seconds") ?? "", /duration/);
  assert.ok(figuresAgree(n("every fifteen seconds"), "every 15 seconds by default"));
});

test("counts compare by the noun they count", () => {
  assert.match(conflictingFigure(n("up to ten times"), "up to 5 times") ?? "", /"time" \(10 vs 5\)/);
  assert.equal(conflictingFigure("3 retries", "5 workers"), null);
});

test("bounds compare only with bounds of the same direction", () => {
  assert.equal(conflictingFigure(n("shorter than a day"), n("an hourly schedule")), null);
  assert.match(
    conflictingFigure(n("as many as a thousand runs"), "No more than 100 runs will be scheduled.") ?? "",
    /run/,
  );
});

test("illustrations are not statements", () => {
  assert.equal(figuresOf(n('best for a consistent cadence (e.g., "every 10 minutes")')).counts.size, 0);
  assert.ok(
    figuresAgree(
      n("delays can be a list, like ten seconds, then a minute"),
      "delays can be a list of integers",
    ),
  );
});

test("minimum versions", () => {
  assert.match(
    conflictingFigure("Any PostgreSQL from version 12 up is fine", "Requires PostgreSQL 14.9 or higher.") ??
      "",
    /minimum version \(12 vs 14\.009\)/,
  );
  assert.equal(conflictingFigure("PostgreSQL 14.9 or later", "Requires PostgreSQL 14.9 or higher."), null);
});

test("stated defaults: on/off by default and settings fields", () => {
  assert.equal(statedDefault("Result persistence is on by default"), "on");
  assert.equal(statedDefault("which is off by default"), "off");
  assert.equal(
    statedDefault("This value sets the default number of retries for all tasks. Default: 0"),
    "off",
  );
  assert.equal(statedDefault("Default: `True`"), "on");
  assert.equal(statedDefault("The worker polls the API"), null);
});
