/**
 * Contract tests: the coach, through each official SDK, against a real HTTP server on 127.0.0.1
 * that answers in the provider's wire format with recorded envelopes. Every fault a provider can
 * produce must end in a valid report where the affected items keep the deterministic result.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type GroundedCoachOptions, GroundedLlmCoach } from "../../src/coach/llm/coach.js";
import { AnthropicProvider } from "../../src/coach/llm/providers/anthropic.js";
import { OpenAiProvider } from "../../src/coach/llm/providers/openai.js";
import type { LlmProvider } from "../../src/coach/llm/providers/provider.js";
import type { LlmCoachInput } from "../../src/coach/llm/types.js";
import { type Report, reportSchema } from "../../src/model/report.js";
import { fixtureInput } from "./support/fixture-input.js";
import { fixtureReply, RecordedLlmServer, type Reply } from "./support/recorded-llm-server.js";
import { type Answer, carefulAnswer, type ReadRequest, readRequest } from "./support/scripted-model.js";

const ANTHROPIC_KEY = "sk-ant-api03-contract-test-key-000000000000";
const OPENAI_KEY = "sk-proj-contract-test-key-0000000000000000";

interface ProviderCase {
  label: string;
  endpoint: string;
  make(url: string, o?: { maxRetries?: number; timeoutMs?: number }): LlmProvider;
  ok(answer: Answer, read: ReadRequest): Reply;
  error429: string;
  error500: string;
  /** Prompt-cache reads in each recorded success response. */
  cachedPerResponse: number;
}

const CASES: ProviderCase[] = [
  {
    label: "Anthropic Messages (JSON mode)",
    endpoint: "/v1/messages",
    make: (url, o) =>
      new AnthropicProvider({
        apiKey: ANTHROPIC_KEY,
        baseURL: url,
        model: "claude-sonnet-5-5",
        maxRetries: o?.maxRetries ?? 2,
        timeoutMs: o?.timeoutMs ?? 10_000,
      }),
    ok: (answer) => fixtureReply("anthropic/message-json-mode.json", { answer }),
    error429: "anthropic/error-429.json",
    error500: "anthropic/error-500.json",
    cachedPerResponse: 0,
  },
  {
    label: "OpenAI chat completions (tool use)",
    endpoint: "/v1/chat/completions",
    make: (url, o) =>
      new OpenAiProvider({
        apiKey: OPENAI_KEY,
        baseURL: `${url}/v1`,
        model: "gpt-5.4-mini",
        outputMode: "tools",
        maxRetries: o?.maxRetries ?? 2,
        timeoutMs: o?.timeoutMs ?? 10_000,
      }),
    ok: (answer, read) =>
      fixtureReply("openai/chat-tool-call.json", {
        answer,
        toolName: read.task === "summary" ? "record_call_coaching" : "record_window_review",
      }),
    error429: "openai/error-429.json",
    error500: "openai/error-500.json",
    cachedPerResponse: 2048,
  },
  {
    label: "OpenAI-compatible server (json_schema, llama.cpp)",
    endpoint: "/v1/chat/completions",
    make: (url, o) =>
      new OpenAiProvider({
        baseURL: `${url}/v1`,
        model: "qwen2.5-7b-instruct",
        maxRetries: o?.maxRetries ?? 2,
        timeoutMs: o?.timeoutMs ?? 10_000,
      }),
    ok: (answer) => fixtureReply("openai/chat-json-content-llamacpp.json", { answer }),
    error429: "openai/error-429.json",
    error500: "openai/error-500.json",
    cachedPerResponse: 1890,
  },
];

let input: LlmCoachInput;
let server: RecordedLlmServer;

before(async () => {
  input = await fixtureInput();
  server = await RecordedLlmServer.start(() => ({ status: 500, raw: "no handler" }));
});
after(async () => {
  await server.close();
});

function serve(c: ProviderCase, answer: (read: ReadRequest, index: number) => Answer | Reply): void {
  server.requests.length = 0;
  server.setHandler((req, index) => {
    const read = readRequest(req);
    const a = answer(read, index);
    return isReply(a) ? a : c.ok(a, read);
  });
}

function isReply(v: unknown): v is Reply {
  return typeof v === "object" && v !== null && ("status" in v || "hang" in v || "raw" in v);
}

async function refine(provider: LlmProvider, extra: Partial<GroundedCoachOptions> = {}) {
  const warnings: string[] = [];
  const coach = new GroundedLlmCoach({ provider, cache: null, warn: (m) => warnings.push(m), ...extra });
  const report = await coach.refine(structuredClone(input));
  assert.equal(reportSchema.safeParse(report).success, true, "the refined report keeps the contract");
  return { report, warnings };
}

const claim = (r: Report, re: RegExp) => r.claims.find((c) => re.test(c.text))!;
const CANCEL = /cancell?ed on its own/;
const LOGS = /captures the logs/;

/** Items the coach sends: those with evidence (all of them in the fixture call). */
function itemCount(): number {
  return (
    input.report.claims.filter((c) => input.evidence[c.id]?.length).length +
    input.report.objections.filter((o) => input.evidence[o.id]?.length).length +
    input.report.competitors.filter((c) => input.evidence[c.name]?.length).length
  );
}

/** Requests of a full run: the call fits one window, its items go 8 to a request, then the summary. */
function requestCount(): number {
  return Math.ceil(itemCount() / 8) + 1;
}

function assertDeterministicItems(report: Report): void {
  assert.deepEqual(report.claims, input.report.claims);
  assert.deepEqual(report.objections, input.report.objections);
  assert.deepEqual(report.competitors, input.report.competitors);
  assert.deepEqual(report.coaching, input.report.coaching);
}

for (const c of CASES) {
  describe(c.label, () => {
    test("a valid, cited answer refines the report and usage lands in the llm block", async () => {
      serve(c, (read) => carefulAnswer(read));
      const { report, warnings } = await refine(c.make(server.url));
      assert.deepEqual(warnings, []);
      const requests = server.to(c.endpoint);
      assert.equal(requests.length, requestCount(), "window reviews of 8 items each, then the summary");
      assert.equal(requestCount(), 2, "the fixture call has 8 items to review");

      // The model contradicts the rep's wrong logging claim, citing an excerpt that is in the
      // request (its own correction replaces the deterministic one), and the link comes along.
      assert.notEqual(claim(input.report, LOGS).correction, claim(report, LOGS).correction);
      const logs = claim(report, LOGS);
      assert.equal(logs.verdict, "contradicted");
      assert.match(
        logs.correction ?? "",
        /PREFECT_LOGGING_EXTRA_LOGGERS.*\(.*https:\/\/docs\.prefect\.io\/v3\//,
      );
      assert.ok(logs.evidence.length >= 1 && logs.evidence.length <= 3);
      assert.equal(logs.start_s, claim(input.report, LOGS).start_s, "timestamps come from the call");

      const objection = report.objections.find((o) => o.topic === "security")!;
      assert.match(objection.suggested_response, /workers run in your AWS account.*\(see .*: https:\/\//);
      for (const comp of report.competitors) assert.match(comp.positioning[0]!, /plain Python.*https:\/\//);

      assert.match(report.coaching.next_action, /^At \d+:\d\d: Send the corrected answers/);
      assert.equal(report.coaching.summary.startsWith("A friendly discovery call"), true);

      const llm = report.llm!;
      assert.equal(llm.requests, requestCount());
      assert.equal(llm.fallbacks, 0);
      assert.ok(llm.input_tokens > 0 && llm.output_tokens > 0);
      assert.equal(llm.cached_tokens, c.cachedPerResponse * requestCount());
      assert.ok(llm.cached_tokens <= llm.input_tokens);
      // No judge results in this input: every claim with evidence is sent, and the share says so.
      assert.equal(llm.claims_sent, input.report.claims.length);
      assert.equal(llm.claims_sent_share, 1);
      assert.equal(
        report.knowledge.queries,
        input.report.knowledge.queries,
        "the coach asks the docs nothing",
      );
    });

    test("429 with retry-after: the SDK waits as told and the answer still arrives", async () => {
      serve(c, (read, index) => {
        return index === 0 ? fixtureReply(c.error429) : carefulAnswer(read);
      });
      const { report, warnings } = await refine(c.make(server.url));
      assert.deepEqual(warnings, []);
      assert.equal(server.requests.length, requestCount() + 1, "the rate-limited request was retried once");
      assert.equal(report.llm!.requests, requestCount(), "a retry is part of the same request");
      assert.equal(report.llm!.fallbacks, 0);
      assert.equal(claim(report, LOGS).verdict, "contradicted");
    });

    test("500 after the SDK's retries: every item keeps the deterministic result and is counted", async () => {
      serve(c, () => fixtureReply(c.error500));
      const { report, warnings } = await refine(c.make(server.url, { maxRetries: 1 }));
      assertDeterministicItems(report);
      assert.equal(server.requests.length, 2 * requestCount(), "every request tried twice");
      assert.equal(report.llm!.fallbacks, itemCount() + 1, "every item and the coaching fell back");
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!, /server_error \(HTTP 500\)/);
    });

    test("a server that never answers times out and degrades to the deterministic result", async () => {
      serve(c, () => ({ hang: true }));
      const { report, warnings } = await refine(c.make(server.url, { maxRetries: 0, timeoutMs: 300 }));
      assertDeterministicItems(report);
      assert.equal(report.llm!.fallbacks, itemCount() + 1);
      assert.match(warnings.join("\n"), /timeout/);
    });

    test("malformed JSON is repaired once with the parse error named", async () => {
      serve(c, (read, index) =>
        index === 0 ? '{"claims": [{"id": "c1", "verdict": "supp' : carefulAnswer(read),
      );
      const { report } = await refine(c.make(server.url));
      const repair = readRequest(server.requests[1]!);
      assert.equal(repair.isRepair, true);
      assert.match(repair.userText, /not valid JSON/);
      assert.equal(repair.asked.length, 8, "the whole first batch is asked again");
      assert.equal(report.llm!.requests, requestCount() + 1);
      assert.equal(report.llm!.fallbacks, 0);
      assert.equal(claim(report, LOGS).verdict, "contradicted");
    });

    test("an answer citing an evidence id that does not exist is rejected, repaired once, then falls back", async () => {
      serve(c, (read) => {
        const a = carefulAnswer(read);
        if (read.task === "window")
          for (const cl of a.claims)
            if (LOGS.test(read.asked.find((i) => i.id === cl.id)!.text)) cl.evidence_ids = ["E99"];
        return a;
      });
      const { report } = await refine(c.make(server.url));
      const repair = server.requests.map(readRequest).find((r) => r.isRepair)!;
      assert.ok(repair, "a repair request was sent");
      assert.match(repair.userText, /cites E99, which is not in the request/);
      assert.deepEqual(
        repair.asked.map((i) => i.id),
        [claim(input.report, LOGS).id],
        "only the bad item is asked again",
      );
      // The repair cites E99 again: the claim keeps its deterministic verdict; the others are refined.
      assert.deepEqual(claim(report, LOGS), claim(input.report, LOGS));
      assert.equal(claim(report, CANCEL).verdict, "contradicted");
      assert.equal(report.llm!.fallbacks, 1);
    });

    test("an uncited 'contradicted' is never reported", async () => {
      serve(c, (read) => {
        const a = carefulAnswer(read);
        if (read.task === "window")
          for (const cl of a.claims) if (cl.verdict === "contradicted") cl.evidence_ids = [];
        return a;
      });
      const { report } = await refine(c.make(server.url));
      for (const cl of report.claims) {
        if (cl.verdict !== "contradicted") continue;
        // Only the deterministic judge's own (cited) contradiction may remain.
        assert.deepEqual(
          cl,
          input.report.claims.find((d) => d.id === cl.id),
        );
        assert.ok(cl.evidence.length > 0);
      }
      // The logging claim keeps the deterministic verdict (itself cited).
      assert.deepEqual(claim(report, LOGS), claim(input.report, LOGS));
      assert.equal(report.llm!.fallbacks, 2);
    });
  });
}

describe("request shape on the wire", () => {
  test("Anthropic: key header, cache_control on the system prompt and the transcript, JSON schema output", async () => {
    const c = CASES[0]!;
    serve(c, (read) => carefulAnswer(read));
    await refine(c.make(server.url));
    const [first] = server.to("/v1/messages");
    // SDK 1.x (API version 2026-10-21) sends the key as a bearer token.
    assert.equal(first!.headers.authorization, `Bearer ${ANTHROPIC_KEY}`);
    assert.ok(first!.headers["anthropic-version"]);
    const body = first!.body;
    assert.equal(body.model, "claude-sonnet-5-5");
    assert.deepEqual(body.system[0].cache_control, { type: "ephemeral" });
    assert.deepEqual(body.messages[0].content[0].cache_control, { type: "ephemeral" });
    assert.match(body.messages[0].content[0].text, /^TRANSCRIPT:\nu0 \[0:05\] Dana Reyes \(internal\): /);
    assert.equal(body.messages[0].content[1].cache_control, undefined, "items and excerpts are not cached");
    assert.equal(body.output_config.format.type, "json_schema");
    assert.equal(body.output_config.format.schema.type, "object");
    assert.equal(body.output_config.effort, "low");
    assert.equal(body.tool_choice, undefined, "current Claude models reject forced tool choice");
  });

  test("OpenAI: bearer key, forced function call with a strict schema, system prompt first", async () => {
    const c = CASES[1]!;
    serve(c, (read) => carefulAnswer(read));
    await refine(c.make(server.url));
    const [first] = server.to("/v1/chat/completions");
    assert.equal(first!.headers.authorization, `Bearer ${OPENAI_KEY}`);
    const body = first!.body;
    assert.equal(body.messages[0].role, "system");
    assert.equal(body.tools[0].function.name, "record_window_review");
    assert.equal(body.tools[0].function.strict, true);
    assert.deepEqual(body.tool_choice, { type: "function", function: { name: "record_window_review" } });
    assert.equal(body.response_format, undefined);
  });

  test("OpenAI-compatible server: response_format json_schema and max_tokens, no OpenAI-only fields", async () => {
    const c = CASES[2]!;
    serve(c, (read) => carefulAnswer(read));
    const { report } = await refine(c.make(server.url));
    const body = server.to("/v1/chat/completions")[0]!.body;
    assert.equal(body.response_format.type, "json_schema");
    assert.equal(body.response_format.json_schema.name, "record_window_review");
    assert.equal(typeof body.max_tokens, "number");
    assert.equal(body.max_completion_tokens, undefined);
    assert.equal(body.prompt_cache_key, undefined);
    assert.equal(body.tools, undefined);
    assert.equal(report.llm!.cost_usd, null, "a local server's price is unknown");
    assert.equal(
      report.llm!.cached_tokens,
      1890 * requestCount(),
      "llama.cpp's cached prompt tokens are reported",
    );
  });
});

describe("answer shapes", () => {
  test("Anthropic: an answer in a tool_use block (older models, compatible gateways) is accepted", async () => {
    server.requests.length = 0;
    server.setHandler((req) => {
      const read = readRequest(req);
      const reply = fixtureReply("anthropic/message-tool-use.json", { answer: carefulAnswer(read) });
      return reply;
    });
    const { report, warnings } = await refine(CASES[0]!.make(server.url));
    assert.deepEqual(warnings, []);
    assert.equal(report.llm!.fallbacks, 0);
    assert.equal(claim(report, LOGS).verdict, "contradicted");
    assert.equal(report.llm!.cached_tokens, 2210 * requestCount(), "cache reads are reported");
  });

  test("OpenAI-compatible: a JSON answer wrapped in a Markdown fence is accepted", async () => {
    const c = CASES[2]!;
    serve(c, (read) => `\`\`\`json\n${JSON.stringify(carefulAnswer(read))}\n\`\`\``);
    const { report } = await refine(c.make(server.url));
    assert.equal(report.llm!.fallbacks, 0);
    assert.equal(report.llm!.requests, requestCount());
  });
});

describe("the API key stays out of warnings", () => {
  test("an error body that echoes the key is redacted", async () => {
    const c = CASES[0]!;
    serve(c, () => ({
      status: 401,
      body: {
        type: "error",
        error: { type: "authentication_error", message: `invalid x-api-key ${ANTHROPIC_KEY}` },
      },
    }));
    const { report, warnings } = await refine(c.make(server.url, { maxRetries: 0 }));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /auth \(HTTP 401\)/);
    assert.ok(!warnings[0]!.includes(ANTHROPIC_KEY));
    assert.ok(!JSON.stringify(report).includes(ANTHROPIC_KEY));
  });
});

describe("cost and budget", () => {
  test("Anthropic usage is priced from the table: cache writes at 1.25x, reads at the cache rate", async () => {
    const c = CASES[0]!;
    serve(c, (read) => carefulAnswer(read));
    const { report } = await refine(c.make(server.url));
    // Each recorded response: input 1184 fresh + 2210 cache write, output 742.
    const llm = report.llm!;
    const n = requestCount();
    assert.equal(llm.input_tokens, n * (1184 + 2210));
    assert.equal(llm.cached_tokens, 0);
    assert.equal(llm.output_tokens, n * 742);
    const expected = (n * 1184 * 2 + n * 2210 * 2.5 + n * 742 * 10) / 1e6;
    assert.ok(Math.abs(llm.cost_usd! - expected) < 1e-6, `${llm.cost_usd} vs ${expected}`);
  });

  test("a token budget too small for any request sends nothing and keeps every deterministic item", async () => {
    const c = CASES[0]!;
    serve(c, (read) => carefulAnswer(read));
    const { report, warnings } = await refine(c.make(server.url), { tokenBudget: 500 });
    assert.equal(server.requests.length, 0);
    assertDeterministicItems(report);
    assert.equal(report.llm!.requests, 0);
    assert.equal(report.llm!.fallbacks, itemCount() + 1);
    assert.match(warnings.join("\n"), /token budget of 500/);
  });
});

describe("faults of our own", () => {
  test("an unexpected error inside the coach returns the deterministic report with a warning", async () => {
    const broken = structuredClone(input);
    const id = broken.report.claims[0]!.id;
    // A hit without text breaks the evidence catalog while planning.
    broken.evidence[id] = [
      { ...broken.evidence[id]![0]!, content: null as unknown as string, snippet: null as unknown as string },
    ];
    serve(CASES[0]!, (read) => carefulAnswer(read));
    const warnings: string[] = [];
    const coach = new GroundedLlmCoach({
      provider: CASES[0]!.make(server.url),
      cache: null,
      warn: (m) => warnings.push(m),
    });
    const report = await coach.refine(broken);
    assert.deepEqual(report.claims, input.report.claims);
    assert.equal(report.llm!.requests, 0);
    assert.match(warnings.join("\n"), /LLM coaching failed .*deterministic report/);
  });
});
