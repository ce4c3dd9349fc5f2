/**
 * The SQLite result cache: a second analysis of the same call with the same docs sends nothing;
 * changed documentation or a damaged row means asking the model again.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { GroundedLlmCoach } from "../../src/coach/llm/coach.js";
import { AnthropicProvider } from "../../src/coach/llm/providers/anthropic.js";
import { SqliteLlmResultCache } from "../../src/coach/llm/result-cache.js";
import type { LlmCoachInput } from "../../src/coach/llm/types.js";
import { openDatabase } from "../../src/storage/database.js";
import { fixtureInput } from "./support/fixture-input.js";
import { fixtureReply, RecordedLlmServer } from "./support/recorded-llm-server.js";
import { carefulAnswer, readRequest } from "./support/scripted-model.js";

let input: LlmCoachInput;
let server: RecordedLlmServer;
let home: string;

before(async () => {
  input = await fixtureInput();
  server = await RecordedLlmServer.start((req) =>
    fixtureReply("anthropic/message-json-mode.json", { answer: carefulAnswer(readRequest(req)) }),
  );
  home = mkdtempSync(join(tmpdir(), "cc-llm-cache-"));
});
after(async () => {
  await server.close();
  rmSync(home, { recursive: true, force: true });
});

async function analyze(data: LlmCoachInput) {
  const cache = SqliteLlmResultCache.inHome(home);
  const coach = new GroundedLlmCoach({
    provider: new AnthropicProvider({ apiKey: "sk-ant-cache-test-0000000000", baseURL: server.url }),
    cache,
  });
  try {
    const before = server.requests.length;
    const report = await coach.refine(structuredClone(data));
    return { report, sent: server.requests.length - before };
  } finally {
    coach.close();
  }
}

test("the second analysis of the same call is answered from the cache", async () => {
  const first = await analyze(input);
  assert.ok(first.sent >= 2);
  const second = await analyze(input);
  assert.equal(second.sent, 0);
  assert.equal(second.report.llm!.requests, 0);
  assert.equal(second.report.llm!.input_tokens, 0);
  assert.equal(second.report.llm!.cost_usd, 0);
  assert.deepEqual(second.report.claims, first.report.claims);
  assert.deepEqual(second.report.coaching, first.report.coaching);
});

test("changed documentation content changes the key: the model is asked again", async () => {
  await analyze(input);
  const edited = structuredClone(input);
  const id = edited.report.claims.find((c) => /captures the logs/.test(c.text))!.id;
  edited.evidence[id] = edited.evidence[id]!.map((h, i) =>
    i === 0 ? { ...h, content: `${h.content} (updated)` } : h,
  );
  const again = await analyze(edited);
  assert.ok(again.sent >= 1, "the batch holding the changed excerpt is sent again");
});

test("a damaged cache row reads as a miss, never as a crash", async () => {
  await analyze(input);
  const db = openDatabase(join(home, "llm-cache.db"));
  db.prepare("UPDATE llm_results SET answer_json = '{not json'").run();
  db.close();
  const again = await analyze(input);
  assert.ok(again.sent >= 2);
  assert.equal(again.report.llm!.fallbacks, 0);
});
