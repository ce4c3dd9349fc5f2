/**
 * End to end through the CLI: `call-coach analyze` with ANTHROPIC_BASE_URL or OPENAI_BASE_URL
 * pointing at the recorded server gives a report with the `llm` block and grounded items; with
 * no provider configured the report is the deterministic one, byte for byte.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { loadConfig } from "../../src/config/env.js";
import { type Report, reportSchema } from "../../src/model/report.js";
import { parseTranscriptFile } from "../../src/parse/index.js";
import { analyzeCall } from "../../src/pipeline/analyze-call.js";
import { openRuntime } from "../../src/pipeline/runtime.js";
import { FIXTURE_CALL, FIXTURE_DOCS, FIXTURE_INTERNAL } from "./support/fixture-input.js";
import { fixtureReply, RecordedLlmServer } from "./support/recorded-llm-server.js";
import { carefulAnswer, readRequest } from "./support/scripted-model.js";

const run = promisify(execFile);
const CLI = join(import.meta.dirname, "..", "..", "dist", "interfaces", "cli", "main.js");
const KEY = "sk-ant-api03-e2e-secret-value-1234567890";
const LLM_VARS = [
  "ANTHROPIC_API_KEY",
  "ANTHROPIC_BASE_URL",
  "ANTHROPIC_AUTH_TOKEN",
  "OPENAI_API_KEY",
  "OPENAI_BASE_URL",
  "CALL_COACH_LLM_MODEL",
];

let home: string;
let server: RecordedLlmServer;

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, CALL_COACH_HOME: home };
  for (const v of LLM_VARS) delete base[v];
  return { ...base, ...extra };
}

async function analyze(
  extra: Record<string, string> = {},
): Promise<{ report: Report; stdout: string; stderr: string }> {
  const { stdout, stderr } = await run(
    process.execPath,
    [CLI, "analyze", FIXTURE_CALL, "--internal", FIXTURE_INTERNAL.join(","), "--json"],
    { env: env(extra), cwd: home, maxBuffer: 16 * 1024 * 1024 },
  );
  return { report: JSON.parse(stdout) as Report, stdout, stderr };
}

before(async () => {
  home = mkdtempSync(join(tmpdir(), "cc-llm-e2e-"));
  await run(
    process.execPath,
    [CLI, "docs", "sync", "--from-dir", FIXTURE_DOCS, "--base-url", "https://docs.prefect.io"],
    {
      env: env(),
      cwd: home,
    },
  );
  server = await RecordedLlmServer.start((req) => {
    const read = readRequest(req);
    return req.path.endsWith("/messages")
      ? fixtureReply("anthropic/message-json-mode.json", { answer: carefulAnswer(read) })
      : fixtureReply("openai/chat-json-content-llamacpp.json", { answer: carefulAnswer(read) });
  });
});
after(async () => {
  await server.close();
  rmSync(home, { recursive: true, force: true });
});

test("no provider configured: the deterministic report, unchanged and without an llm block", async () => {
  const { report, stdout } = await analyze();
  assert.equal("llm" in report, false);
  assert.equal(server.requests.length, 0);
  // The same pipeline in-process with the LLM coach absent gives the same bytes.
  const config = loadConfig(env());
  const runtime = await openRuntime(config);
  try {
    assert.equal(runtime.llm, null);
    const call = await parseTranscriptFile(FIXTURE_CALL, { internal: FIXTURE_INTERNAL });
    const { report: direct } = await analyzeCall(call, {
      knowledge: runtime.gateway(),
      profile: runtime.profile,
      llm: null,
    });
    assert.equal(stdout, `${JSON.stringify(direct, null, 2)}\n`);
  } finally {
    await runtime.close();
  }
});

test("Claude through ANTHROPIC_BASE_URL: llm block, grounded items, key never printed", async () => {
  const { report: deterministic } = await analyze();
  server.requests.length = 0;
  const { report, stdout, stderr } = await analyze({
    ANTHROPIC_API_KEY: KEY,
    ANTHROPIC_BASE_URL: server.url,
    CALL_COACH_LLM_MODEL: "claude-sonnet-5-5",
  });
  assert.equal(reportSchema.safeParse(report).success, true);
  const llm = report.llm!;
  assert.equal(llm.provider, "anthropic");
  assert.equal(llm.model, "claude-sonnet-5-5");
  assert.equal(llm.requests, server.requests.length);
  assert.ok(llm.requests >= 2);
  assert.equal(llm.fallbacks, 0);
  assert.ok(llm.input_tokens > 0 && llm.output_tokens > 0);
  assert.ok(typeof llm.cost_usd === "number" && llm.cost_usd > 0);

  // Grounded: every refined verdict other than unverifiable carries docs evidence with a link.
  const logs = report.claims.find((c) => /captures the logs/.test(c.text))!;
  assert.equal(logs.verdict, "contradicted");
  assert.match(logs.correction!, /https:\/\/docs\.prefect\.io\//);
  for (const c of report.claims)
    if (c.verdict !== "unverifiable")
      assert.ok(c.evidence.length > 0 && c.evidence[0]!.url.startsWith("https://"));

  // What the LLM does not own is the deterministic pipeline's.
  assert.deepEqual(report.call, deterministic.call);
  assert.deepEqual(report.metrics, deterministic.metrics);
  assert.deepEqual(report.knowledge, deterministic.knowledge);
  assert.deepEqual(
    report.claims.map(({ id, speaker, start_s, text, topic }) => ({ id, speaker, start_s, text, topic })),
    deterministic.claims.map(({ id, speaker, start_s, text, topic }) => ({
      id,
      speaker,
      start_s,
      text,
      topic,
    })),
  );

  for (const out of [stdout, stderr]) assert.ok(!out.includes(KEY), "the key never reaches output");
  // Transcript text went to the LLM provider (that is its job) in the request body only.
  assert.ok(JSON.stringify(server.requests[0]!.body).includes("captures the logs"));

  // The answers are cached under CALL_COACH_HOME: the same analysis again sends nothing.
  server.requests.length = 0;
  const again = await analyze({
    ANTHROPIC_API_KEY: KEY,
    ANTHROPIC_BASE_URL: server.url,
    CALL_COACH_LLM_MODEL: "claude-sonnet-5-5",
  });
  assert.equal(server.requests.length, 0);
  assert.equal(again.report.llm!.requests, 0);
  assert.deepEqual(again.report.claims, report.claims);
});

test("an OpenAI-compatible local server through OPENAI_BASE_URL needs no key and has no price", async () => {
  server.requests.length = 0;
  const { report } = await analyze({
    OPENAI_BASE_URL: `${server.url}/v1`,
    CALL_COACH_LLM_MODEL: "qwen2.5-7b-instruct",
  });
  assert.equal(report.llm!.provider, "openai");
  assert.equal(report.llm!.model, "qwen2.5-7b-instruct");
  assert.equal(report.llm!.cost_usd, null);
  assert.equal(report.llm!.fallbacks, 0);
  assert.ok(server.requests.every((r) => r.path === "/v1/chat/completions"));
  assert.equal(report.claims.find((c) => /captures the logs/.test(c.text))!.verdict, "contradicted");
});

test("a provider that is down: the analysis still succeeds, with the deterministic items and a warning", async () => {
  const { report: deterministic } = await analyze();
  const { report, stderr } = await analyze({
    ANTHROPIC_API_KEY: KEY,
    ANTHROPIC_BASE_URL: "http://127.0.0.1:9",
    // Another model than the earlier tests, whose answers are in this home's result cache.
    CALL_COACH_LLM_MODEL: "claude-haiku-4-5",
    CALL_COACH_LLM_TIMEOUT_MS: "2000",
  });
  assert.deepEqual(report.claims, deterministic.claims);
  assert.deepEqual(report.coaching, deterministic.coaching);
  assert.ok(report.llm!.fallbacks > 0);
  assert.match(stderr, /call-coach: LLM anthropic: connection/);
  assert.ok(!stderr.includes(KEY));
});
