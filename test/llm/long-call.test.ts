/**
 * A 90-minute call through the coach: windows with overlap, every item reviewed exactly once
 * with its own timestamp, remarks on overlapping lines kept once, every request a bounded size.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { longCallTranscript } from "../../bench/support/long-call.js";
import { GroundedLlmCoach } from "../../src/coach/llm/coach.js";
import { planCall } from "../../src/coach/llm/plan.js";
import { OpenAiProvider } from "../../src/coach/llm/providers/openai.js";
import type { LlmCoachInput } from "../../src/coach/llm/types.js";
import { estimateTokens } from "../../src/coach/llm/windows.js";
import { reportSchema } from "../../src/model/report.js";
import { parseTranscript } from "../../src/parse/index.js";
import { fixtureInput } from "./support/fixture-input.js";
import { fixtureReply, RecordedLlmServer } from "./support/recorded-llm-server.js";
import { carefulAnswer, readRequest } from "./support/scripted-model.js";

let input: LlmCoachInput;
let server: RecordedLlmServer;

before(async () => {
  const { text, internal } = longCallTranscript(90);
  input = await fixtureInput(parseTranscript(text, { fileName: "long.txt", internal }));
  server = await RecordedLlmServer.start(() => ({ status: 500, raw: "no handler" }));
});
after(async () => {
  await server.close();
});

test("a 90-minute call is reviewed window by window, each item once, with its own timestamp", async () => {
  const plan = planCall(input);
  assert.ok(plan.windows.length >= 4, `${plan.windows.length} windows`);
  const [w0, w1] = plan.windows;
  const shared = w1!.lines.find((l) => w0!.lines.includes(l))!;
  assert.ok(shared, "the first two windows overlap");

  server.setHandler((req) => {
    const read = readRequest(req);
    const answer = carefulAnswer(read);
    // Both windows that hold the shared line remark on it.
    if (read.withObservations && read.lineIds.includes(shared.id))
      answer.observations.push({
        kind: "strength",
        utterance_id: shared.id,
        text: "Asked about their failures.",
      });
    return fixtureReply("openai/chat-json-content-llamacpp.json", { answer });
  });
  const coach = new GroundedLlmCoach({
    provider: new OpenAiProvider({ baseURL: `${server.url}/v1`, model: "local-model" }),
    cache: null,
    tokenBudget: 2_000_000,
  });
  const report = await coach.refine(structuredClone(input));
  assert.equal(reportSchema.safeParse(report).success, true);

  const reads = server.requests.map(readRequest);
  const windowReads = reads.filter((r) => r.task === "window");
  const summaries = reads.filter((r) => r.task === "summary");
  assert.equal(summaries.length, 1);
  assert.equal(windowReads.length, plan.batches.length);

  // Every item with evidence is asked exactly once, in the window that owns it.
  const asked = windowReads.flatMap((r) => r.asked.map((i) => i.id));
  assert.equal(new Set(asked).size, asked.length, "no item is reviewed twice across overlaps");
  const withEvidence = [
    ...input.report.claims.map((c) => c.id),
    ...input.report.objections.map((o) => o.id),
    ...input.report.competitors.map((c) => c.name),
  ].filter((id) => input.evidence[id]?.length);
  assert.deepEqual([...asked].sort(), [...withEvidence].sort());
  assert.equal(report.llm!.fallbacks, 0);

  // Timestamps come from the call, not from the model.
  assert.deepEqual(
    report.claims.map((c) => c.start_s),
    input.report.claims.map((c) => c.start_s),
  );
  for (const r of windowReads)
    for (const item of r.asked) {
      const w = plan.windows.find((win) => r.lineIds[0] === win.lines[0]!.id)!;
      assert.ok(
        w.lines.some((l) => l.id === item.line),
        `${item.id} is reviewed with its own line in view`,
      );
    }

  // The remark made by both overlapping windows reaches the summary once.
  assert.equal(windowReads.filter((r) => r.withObservations && r.lineIds.includes(shared.id)).length, 2);
  const summaryText = summaries[0]!.userText;
  const observations = summaryText.slice(summaryText.indexOf("OBSERVATIONS FROM"));
  assert.equal(observations.split(`${shared.id} [`).length - 1, 1);
  assert.doesNotMatch(
    summaryText,
    /^TRANSCRIPT/m,
    "a long call's summary works from the reviews, not the transcript",
  );

  // Each request stays well inside a 32k context.
  for (const req of server.requests) {
    const tokens = estimateTokens(req.body.messages.map((m: { content: string }) => m.content).join("\n"));
    assert.ok(tokens < 32_000, `request of ~${tokens} tokens`);
  }
});

test("a budget too small for the whole call keeps room for the summary; late items fall back", async () => {
  server.requests.length = 0;
  server.setHandler((req) =>
    fixtureReply("openai/chat-json-content-llamacpp.json", { answer: carefulAnswer(readRequest(req)) }),
  );
  const budget = 60_000;
  const warnings: string[] = [];
  const coach = new GroundedLlmCoach({
    provider: new OpenAiProvider({ baseURL: `${server.url}/v1`, model: "local-model" }),
    cache: null,
    tokenBudget: budget,
    concurrency: 1,
    warn: (m) => warnings.push(m),
  });
  const report = await coach.refine(structuredClone(input));
  const llm = report.llm!;
  assert.ok(llm.input_tokens + llm.output_tokens <= budget);
  assert.ok(llm.fallbacks > 0, "items beyond the budget keep the deterministic result");
  assert.ok(llm.requests < planCall(input).batches.length + 1);
  assert.equal(server.requests.map(readRequest).filter((r) => r.task === "summary").length, 1);
  assert.match(
    report.coaching.summary,
    /^A friendly discovery call/,
    "the coaching still comes from the model",
  );
  assert.match(warnings.join("\n"), /token budget of 60000 reached/);
});
