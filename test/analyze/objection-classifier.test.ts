/**
 * The learned objection classifier: the committed weights are what the trainer fits on the
 * labeled sentences in the repository, the trainer learns and is deterministic, and the detector — rules or classifier — finds concerns stated as
 * requirements, refusals and conditions that no cue rule matches, without reporting pleasantries,
 * discovery answers or descriptions of the customer's setup. The sentences below were written
 * for this test; none is in the training data.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { trainLogisticRegression } from "../../scripts/logistic-regression.js";
import {
  fit,
  loadExamples,
  MIN_RECALL,
  OUT,
  precisionOf,
  recallOf,
  stored,
} from "../../scripts/train-objection-model.js";
import { analyzeConversation } from "../../src/analyze/index.js";
import { objectionProbability } from "../../src/analyze/moments/objection-classifier.js";
import { objectionLexicon } from "../../src/analyze/moments/objection-lexicon.js";
import { objectionModel } from "../../src/analyze/moments/objection-model.js";
import { describesCurrentPain, isObjectionByRules } from "../../src/analyze/moments/objections.js";
import { parseTranscript } from "../../src/parse/index.js";
import { defaultProductProfile } from "../../src/product/default.js";

const profile = defaultProductProfile();
const lexicon = objectionLexicon(profile);
const cues = (s: string) => ({
  rules: isObjectionByRules(s, lexicon),
  currentPain: describesCurrentPain(s, lexicon),
});

test("products/prefect/models/objection-model.json holds the weights the trainer fits on the labeled sentences, and CV figures that meet the targets", async () => {
  // One fit on all sentences (the data tier re-runs the whole leave-one-call-out CV that chose
  // the threshold: test/data/objection-model-cv.test.ts).
  const committed = JSON.parse(readFileSync(OUT, "utf8")) as {
    bias: number;
    weights: Record<string, number>;
  };
  const refit = stored(fit(await loadExamples()));
  assert.deepEqual(
    { bias: committed.bias, weights: committed.weights },
    { bias: refit.bias, weights: Object.fromEntries(refit.weights) },
    "run node --import tsx scripts/train-objection-model.ts",
  );
  const { cv } = objectionModel();
  assert.ok(cv.calls >= 20 && cv.objections >= 80, JSON.stringify(cv));
  // The threshold keeps at least the minimum recall on calls the model was not trained on…
  assert.ok(recallOf(cv.model) >= MIN_RECALL, JSON.stringify(cv.model));
  // …and the classifier is better than chance there: at least three in five reports are right
  // (the eval-format labels are not exhaustive, so this understates it).
  assert.ok(precisionOf(cv.model) >= 0.6, JSON.stringify(cv.model));
  // The detector is the classifier alone, the rules one of its features: it flags no more than
  // it finds (a flag per labeled objection stays well under 1.5).
  assert.ok(
    cv.combined.tp + cv.combined.fp <= 1.3 * (cv.combined.tp + cv.combined.fn),
    JSON.stringify(cv.combined),
  );
});

test("the trainer reaches the regularized optimum, deterministically", () => {
  // Feature 0 mostly marks positives, 1 mostly negatives, 2 is noise; one positive carries 1.
  const examples = [
    { features: [0, 2], label: 1 as const },
    { features: [0], label: 1 as const },
    { features: [0, 1], label: 1 as const },
    { features: [1, 2], label: 0 as const },
    { features: [1], label: 0 as const },
    { features: [2], label: 0 as const },
    { features: [0, 2], label: 0 as const, weight: 0.5 },
  ];
  const options = { l2: 0.1, positiveWeight: 2, maxIterations: 20000, tolerance: 1e-14 };
  const m = trainLogisticRegression(examples, 3, options);
  assert.deepEqual(m, trainLogisticRegression(examples, 3, options));
  // At the optimum the gradient of Σ cᵢ·logloss + λ/2·‖w‖² vanishes (the bias is not penalized).
  const grad = [0, 0, 0, 0];
  for (const e of examples) {
    const z = m.bias + e.features.reduce((sum, j) => sum + m.weights[j]!, 0);
    const r = (e.weight ?? (e.label ? options.positiveWeight : 1)) * (1 / (1 + Math.exp(-z)) - e.label);
    for (const j of e.features) grad[j]! += r;
    grad[3]! += r;
  }
  for (let j = 0; j < 3; j++) grad[j]! += options.l2 * m.weights[j]!;
  for (const g of grad) assert.ok(Math.abs(g) < 1e-6, `gradient ${grad}`);
  assert.ok(m.weights[0]! > 1 && m.weights[1]! < 0, `${[...m.weights]}`);
  // A stronger penalty shrinks the weights.
  const strong = trainLogisticRegression(examples, 3, { ...options, l2: 10 });
  assert.ok(Math.abs(strong.weights[0]!) < Math.abs(m.weights[0]!) / 2);
});

const analyze = (customer: string[]) =>
  analyzeConversation(
    parseTranscript(
      customer
        .flatMap((s, i) => [
          `[00:${String(i * 2).padStart(2, "0")}:00] Bo Chen: ${s}`,
          `[00:${String(i * 2 + 1).padStart(2, "0")}:00] Ana Silva: Understood.`,
        ])
        .join("\n"),
      { fileName: "t.txt", internal: ["Ana Silva"] },
    ),
    { profile },
  );

test("concerns stated as requirements, refusals and conditions rate above setup descriptions, and some are found where no rule matches", () => {
  const concerns = [
    "Any scheduler we bring in needs to survive a region failover without manual steps.",
    "Nobody outside my team gets write access to the warehouse.",
    "If the control plane sits with you, we're stuck whenever you have an incident.",
  ];
  const setup = [
    "We run about sixty DAGs, mostly nightly loads into Snowflake.",
    "Our data team is four people, plus a contractor.",
    "Most of our jobs are Python scripts that pull from Postgres.",
  ];
  for (const s of concerns)
    assert.equal(isObjectionByRules(s, lexicon), false, `a rule already matches: ${s}`);
  const p = (s: string) => objectionProbability(s, cues(s), lexicon);
  const lowestConcern = Math.min(...concerns.map(p));
  const highestSetup = Math.max(...setup.map(p));
  assert.ok(lowestConcern > highestSetup, `${lowestConcern} vs ${highestSetup}`);
  assert.ok(analyze(concerns).objections.length >= 1);
});

test("pleasantries, discovery answers and plain descriptions of the customer's setup are not objections", () => {
  const neutral = [
    "We run about sixty DAGs, mostly nightly loads into Snowflake.",
    "Thanks, that's really helpful.",
    "Our data team is four people, plus a contractor.",
    "We deploy with GitHub Actions today.",
    "Most of our jobs are Python scripts that pull from Postgres.",
    "We'd like to see the UI for the deployments next.",
  ];
  assert.deepEqual(analyze(neutral).objections, []);
  for (const s of neutral)
    assert.ok(objectionProbability(s, cues(s), lexicon) < objectionModel().threshold, s);
});

test("the probability rises with the concern: the same setup, described and then refused", () => {
  // The description alone may already score high — a setup sentence that names a concern subject
  // (credentials) is the classifier's typical false positive — but the refusal rates far higher,
  // above the recall-first bar at least (where the F1 bar falls moves with each refit).
  const d = "Our credentials live in a vault that the platform team runs.";
  const r = "Our security team won't let credentials leave the vault the platform team runs.";
  const described = objectionProbability(d, cues(d), lexicon);
  const refused = objectionProbability(r, cues(r), lexicon);
  const bar = objectionModel().recallThreshold ?? objectionModel().threshold;
  assert.ok(refused > bar && refused > described + 0.2, `${described} ${refused}`);
});

test("names are not features: the same sentence about two different people scores the same", () => {
  const a = "We asked Felix Moreau about it and the security review still blocks any SaaS scheduler.";
  const b = "We asked Dana Whitlock about it and the security review still blocks any SaaS scheduler.";
  assert.equal(objectionProbability(a, cues(a), lexicon), objectionProbability(b, cues(b), lexicon));
  const weights = Object.keys(objectionModel().weights);
  assert.ok(!weights.some((w) => /\bfelix\b|\byolanda\b/.test(w)), "no weight is about a person");
});
