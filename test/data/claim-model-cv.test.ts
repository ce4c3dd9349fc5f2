/**
 * The claim trainer's leave-one-call-out cross-validation at the committed hyper-parameters:
 * products/prefect/models/claim-model.json records the threshold, the out-of-fold figures and the
 * weights it gives today. (43 fits, a minute or two. Choosing the pair over the whole grid takes
 * nine times that: `npm run train:claims -- --check` reruns it.)
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { loadExamples, OUT, train } from "../../scripts/train-claim-model.js";

test("products/prefect/models/claim-model.json is what the trainer gives at its hyper-parameters, threshold chosen by CV", async () => {
  const committed = JSON.parse(readFileSync(OUT, "utf8"));
  const trained = train(await loadExamples(), { l2: [committed.l2], corpusWeight: [committed.corpusWeight] });
  assert.deepEqual(
    {
      threshold: trained.model.threshold,
      cv: trained.model.cv,
      bias: trained.model.bias,
      weights: trained.model.weights,
      logLoss: trained.grid[0]!.logLoss,
    },
    {
      threshold: committed.threshold,
      cv: committed.cv,
      bias: committed.bias,
      weights: committed.weights,
      logLoss: committed.grid.find(
        (g: { l2: number; corpusWeight: number }) =>
          g.l2 === committed.l2 && g.corpusWeight === committed.corpusWeight,
      ).logLoss,
    },
    "run npm run train:claims",
  );
});
