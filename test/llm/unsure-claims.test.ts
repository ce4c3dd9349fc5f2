/**
 * With an LLM configured, only the claims the deterministic judge left unverifiable are sent:
 * its sure verdicts stand, and the report says how many claims went to the model.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { planCall } from "../../src/coach/llm/plan.js";
import type { LlmCoachInput } from "../../src/coach/llm/types.js";
import { fixtureInput } from "./support/fixture-input.js";

let input: LlmCoachInput;
before(async () => {
  input = await fixtureInput();
});

const claimItems = (i: LlmCoachInput) =>
  planCall(i)
    .batches.flatMap((b) => b.items)
    .filter((item) => item.kind === "claim")
    .map((item) => item.id);

test("claims the judge decided are not sent; unsure ones are", () => {
  const ids = input.report.claims.map((c) => c.id);
  assert.ok(ids.length >= 3, "the fixture call has claims");
  const [sure, ...unsure] = ids;
  const judgements = Object.fromEntries(
    ids.map((id) => [
      id,
      id === sure
        ? { verdict: "supported" as const, leaning: "supported" as const }
        : { verdict: "unverifiable" as const, leaning: "contradicted" as const },
    ]),
  );
  const withJudgements = { ...input, judgements };
  assert.deepEqual(claimItems(withJudgements), unsure);
  assert.equal(planCall(withJudgements).claimsSent, unsure.length);
  // Without the judge's results (an older caller), every claim is sent.
  assert.deepEqual(claimItems(input), ids);
});
