/**
 * The whole objection trainer, leave-one-call-out CV included: products/prefect/models/objection-model.json is
 * byte for byte what it writes today, so the threshold and the CV figures it records are real.
 * (A minute of fits: the unit tier checks the weights with one fit.)
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { loadExamples, OUT, render, train } from "../../scripts/train-objection-model.js";

test("products/prefect/models/objection-model.json is what the trainer gives, threshold chosen by CV", async () => {
  assert.equal(
    readFileSync(OUT, "utf8"),
    render(train(await loadExamples())),
    "run node --import tsx scripts/train-objection-model.ts",
  );
});
