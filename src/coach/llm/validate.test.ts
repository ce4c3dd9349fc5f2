import assert from "node:assert/strict";
import { test } from "node:test";
import type { PromptItem } from "./prompts.js";
import {
  checkCoachingAnswer,
  checkWindowAnswer,
  MIN_DECISION_CONFIDENCE,
  parseJsonAnswer,
} from "./validate.js";

const items: PromptItem[] = [
  { id: "c1", kind: "claim", at_s: 10, line: "u1", speaker: "Rep", text: "A", topic: "x", evidence: ["E1"] },
  {
    id: "o1",
    kind: "objection",
    at_s: 20,
    line: "u2",
    speaker: "Buyer",
    text: "B",
    topic: "security",
    evidence: ["E2"],
  },
  {
    id: "Airflow",
    kind: "competitor",
    at_s: 30,
    line: "u3",
    speaker: "Buyer",
    text: "C",
    topic: null,
    evidence: ["E1"],
  },
];
const ctx = {
  items,
  hasEvidence: (id: string) => ["E1", "E2"].includes(id),
  lineIds: new Set(["u1", "u2", "u3"]),
};
const claim = (over: Record<string, unknown>) => ({
  id: "c1",
  verdict: "supported",
  evidence_ids: ["E1"],
  correction: null,
  confidence: 0.95,
  ...over,
});
const answer = (claims: unknown[], extra: Record<string, unknown> = {}) => ({
  claims,
  objections: [
    { id: "o1", suggested_response: "Acknowledge it, then explain the hybrid model.", evidence_ids: ["E2"] },
  ],
  competitors: [{ id: "Airflow", positioning: [{ point: "Plain Python flows.", evidence_ids: ["E1"] }] }],
  observations: [],
  ...extra,
});

test("a cited answer for every item is accepted", () => {
  const check = checkWindowAnswer(answer([claim({})]), ctx);
  assert.equal(check.problems.size, 0);
  assert.equal(check.claims.get("c1")!.verdict, "supported");
  assert.equal(check.objections.size, 1);
  assert.equal(check.competitors.size, 1);
});

test("citing an evidence id that is not in the request rejects that item only", () => {
  const check = checkWindowAnswer(answer([claim({ evidence_ids: ["E1", "E7"] })]), ctx);
  assert.deepEqual(check.problems.get("c1"), ["c1 cites E7, which is not in the request"]);
  assert.equal(check.claims.size, 0);
  assert.equal(check.objections.size, 1, "other items stand");
});

test("supported and contradicted need a citation; contradicted needs a correction", () => {
  assert.match(
    checkWindowAnswer(answer([claim({ evidence_ids: [] })]), ctx).problems.get("c1")![0]!,
    /cites no excerpt/,
  );
  const uncited = checkWindowAnswer(
    answer([claim({ verdict: "contradicted", evidence_ids: [], correction: "The docs say otherwise." })]),
    ctx,
  );
  assert.equal(uncited.claims.size, 0);
  const bare = checkWindowAnswer(answer([claim({ verdict: "contradicted", correction: null })]), ctx);
  assert.match(bare.problems.get("c1")![0]!, /no correction/);
  const ok = checkWindowAnswer(answer([claim({ verdict: "unverifiable", evidence_ids: [] })]), ctx);
  assert.equal(ok.claims.get("c1")!.verdict, "unverifiable");
});

test("the precision policy: a supported answer below the decision confidence is reported as unverifiable", () => {
  const check = checkWindowAnswer(answer([claim({ verdict: "supported", confidence: 0.8 })]), ctx);
  assert.equal(check.claims.get("c1")?.verdict, "unverifiable");
  assert.ok(MIN_DECISION_CONFIDENCE > 0.8);
});

test("a low-confidence contradiction is reported as unverifiable", () => {
  const check = checkWindowAnswer(
    answer([claim({ verdict: "contradicted", correction: "The docs say the opposite.", confidence: 0.3 })]),
    ctx,
  );
  assert.equal(check.claims.get("c1")!.verdict, "unverifiable");
  assert.equal(check.claims.get("c1")!.correction, null);
});

test("missing items, unknown ids, wrong shapes and out-of-range confidence are problems", () => {
  const check = checkWindowAnswer(
    { claims: [claim({ confidence: 85 }), { id: "c9", verdict: "supported" }], objections: "none" },
    ctx,
  );
  assert.match(check.problems.get("c1")![0]!, /confidence/);
  assert.match(check.problems.get("*")!.join(" "), /c9 is not a claim listed in ITEMS/);
  assert.match(check.problems.get("*")!.join(" "), /objections must be a list/);
  assert.deepEqual(check.problems.get("o1"), ["no answer for o1"]);
  assert.deepEqual(check.problems.get("Airflow"), ["no answer for Airflow"]);
  assert.equal(checkWindowAnswer([], ctx).problems.size, 4);
});

test("observations on lines outside the window are dropped", () => {
  const check = checkWindowAnswer(
    answer([claim({})], {
      observations: [
        { kind: "strength", utterance_id: "u2", text: "Good question." },
        { kind: "improvement", utterance_id: "u99", text: "Elsewhere." },
      ],
    }),
    ctx,
  );
  assert.deepEqual(
    check.observations.map((o) => o.utterance_id),
    ["u2"],
  );
  assert.equal(check.problems.size, 0);
});

test("coaching: exactly one next action tied to a moment that exists", () => {
  const moments = new Set(["c1", "u2"]);
  const good = {
    summary: "Fine call.",
    strengths: [{ text: "Asked good questions.", moment_id: "u2" }],
    improvements: [{ text: "Check claims.", moment_id: null }],
    next_action: { text: "Send the correction.", moment_id: "c1" },
  };
  assert.ok(checkCoachingAnswer(good, moments).answer);
  const bad = checkCoachingAnswer({ ...good, next_action: { text: "Send it.", moment_id: "c7" } }, moments);
  assert.equal(bad.answer, null);
  assert.match(bad.problems[0]!, /c7 is not a moment id/);
  assert.equal(checkCoachingAnswer({ ...good, next_action: [good.next_action] }, moments).answer, null);
});

test("JSON answers may come fenced; anything else is a parse problem", () => {
  assert.deepEqual(parseJsonAnswer('```json\n{"a":1}\n```'), { ok: true, value: { a: 1 } });
  assert.equal(parseJsonAnswer('{"a":').ok, false);
  assert.equal(parseJsonAnswer(null).ok, false);
});
