import assert from "node:assert/strict";
import { test } from "node:test";
import { sampleReport } from "../../test/support/sample-report.js";
import { buildCoaching } from "./summary.js";

function input(overrides: Partial<Parameters<typeof buildCoaching>[0]> = {}) {
  const r = sampleReport();
  return {
    durationS: 426,
    metrics: r.metrics,
    claims: r.claims,
    objections: r.objections,
    competitors: r.competitors,
    nextSteps: [],
    ...overrides,
  };
}

test("the next action corrects the most confident contradicted claim, with its doc link", () => {
  const c = buildCoaching(input());
  assert.match(c.next_action, /^Send a correction of the claim at 1:35/);
  assert.match(c.next_action, /https:\/\/docs\.prefect\.io\/v3\/concepts\/flows/);
  assert.match(c.summary, /2 product claims checked: 1 supported, 1 contradicted, 0 unverifiable\./);
  assert.ok(c.improvements.some((i) => i.includes("A nested flow run cannot be cancelled")));
});

test("without wrong claims the next action follows up on an objection", () => {
  const r = sampleReport();
  const c = buildCoaching(input({ claims: r.claims.filter((x) => x.verdict !== "contradicted") }));
  assert.match(c.next_action, /migration concern raised at 2:00/);
});

test("talk ratio above 65% is an improvement, a balanced one a strength", () => {
  const r = sampleReport();
  const high = buildCoaching(input({ metrics: { ...r.metrics, talk_ratio_internal: 0.8 } }));
  assert.ok(high.improvements.some((i) => i.includes("80%")));
  const balanced = buildCoaching(input());
  assert.ok(balanced.strengths.some((s) => s.includes("58%")));
});

test("a quick reply is an improvement only when the file timed both ends of each turn", () => {
  const r = sampleReport();
  const metrics = { ...r.metrics, patience_s: 0.3 };
  const quick = /Average pause before answering was 0\.30 s/;
  assert.ok(buildCoaching(input({ metrics })).improvements.some((i) => quick.test(i)));
  for (const timing of ["starts", "estimated"] as const) {
    assert.ok(!buildCoaching(input({ metrics, timing })).improvements.some((i) => quick.test(i)), timing);
  }
});

test("question counts read naturally", () => {
  const r = sampleReport();
  const one = buildCoaching(input({ metrics: { ...r.metrics, questions_internal: 1 } }));
  assert.ok(one.improvements.includes("Asked only 1 question; use more discovery questions."));
  const none = buildCoaching(input({ metrics: { ...r.metrics, questions_internal: 0 } }));
  assert.ok(none.improvements.some((i) => i.startsWith("Asked no questions")));
});
