/**
 * Measures what one LLM-coached analysis of a call costs in tokens, from the prompts the coach
 * actually builds (src/coach/llm/plan.ts), without calling any provider:
 *
 *   node --import tsx scripts/llm-prompt-cost.ts [FILE] [--internal "A,B"] [--json]
 *
 * FILE defaults to examples/halvorsen-discovery.gong.json, else ../shared/eval/calls/p01.gong.json.
 * Evidence comes from the knowledge base in CALL_COACH_HOME (the bundled pack, plus whatever
 * `docs sync` put there), as in a real run.
 *
 * Input tokens are counted exactly with the o200k_base tokenizer (OpenAI's GPT-4o/GPT-5 family),
 * over the system prompt, every user block and the answer schema as sent. Claude's tokenizer is
 * not available offline; its counts differ. Output tokens are estimated by serializing the
 * deterministic report's own results (verdicts, corrections, responses, positioning, coaching)
 * in the answer schema: an answer of the same shape and similar length. Hidden reasoning
 * ("thinking") tokens are not included.
 */
import { existsSync } from "node:fs";
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { zodFunction } from "openai/helpers/zod";
import { COACHING_FORMAT, WINDOW_FORMAT } from "../src/coach/llm/answer-schema.js";
import { planCall, planSummary } from "../src/coach/llm/plan.js";
import { costUsd, priceFor } from "../src/coach/llm/pricing.js";
import { SYSTEM_PROMPT } from "../src/coach/llm/prompts.js";
import { loadConfig } from "../src/config/env.js";
import type { Report } from "../src/model/report.js";
import { parseTranscriptFile } from "../src/parse/index.js";
import { analyzeCall } from "../src/pipeline/analyze-call.js";
import { openRuntime } from "../src/pipeline/runtime.js";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const internal = (flag("--internal") ?? "").split(",").filter(Boolean);
const asJson = args.includes("--json");
const file =
  args.find((a) => !a.startsWith("--")) ??
  (existsSync("examples/halvorsen-discovery.gong.json")
    ? "examples/halvorsen-discovery.gong.json"
    : "../shared/eval/calls/p01.gong.json");

// The deterministic pipeline only: this script must not reach a provider.
const config = loadConfig({ ...process.env, ANTHROPIC_API_KEY: "", OPENAI_API_KEY: "", OPENAI_BASE_URL: "" });
const runtime = await openRuntime(config);
const call = await parseTranscriptFile(file, { internal, companyDomain: config.companyDomain });
const { report, evidence } = await analyzeCall(call, {
  knowledge: runtime.gateway(),
  profile: runtime.profile,
  llm: null,
});
await runtime.close();

const plan = planCall({ call, report, evidence });
const schemaTokens = (format: typeof WINDOW_FORMAT | typeof COACHING_FORMAT) =>
  countTokens(
    JSON.stringify(
      zodFunction({ name: format.name, description: format.description, parameters: format.schema }),
    ),
  );

interface Row {
  request: string;
  items: number;
  system: number;
  cacheablePrefix: number;
  rest: number;
  schema: number;
  input: number;
  outputEstimate: number;
}
const rows: Row[] = [];
const systemTokens = countTokens(SYSTEM_PROMPT);

for (const batch of plan.batches) {
  const blocks = [...batch.context, { text: batch.task }];
  const prefix = blocks.filter((b) => b.cache).reduce((n, b) => n + countTokens(b.text), 0);
  const rest = blocks.filter((b) => !b.cache).reduce((n, b) => n + countTokens(b.text), 0);
  const schema = schemaTokens(WINDOW_FORMAT);
  rows.push({
    request: batch.name,
    items: batch.items.length,
    system: systemTokens,
    cacheablePrefix: prefix,
    rest,
    schema,
    input: systemTokens + prefix + rest + schema,
    outputEstimate: countTokens(
      JSON.stringify(
        windowAnswerLike(
          report,
          batch.items.map((i) => i.id),
        ),
      ),
    ),
  });
}
const summary = planSummary(plan, report, []);
{
  const prefix = summary.blocks.filter((b) => b.cache).reduce((n, b) => n + countTokens(b.text), 0);
  const rest = summary.blocks.filter((b) => !b.cache).reduce((n, b) => n + countTokens(b.text), 0);
  const schema = schemaTokens(COACHING_FORMAT);
  rows.push({
    request: "summary",
    items: 0,
    system: systemTokens,
    cacheablePrefix: prefix,
    rest,
    schema,
    input: systemTokens + prefix + rest + schema,
    outputEstimate: countTokens(JSON.stringify(coachingAnswerLike(report))),
  });
}

const total = {
  input: sum(rows.map((r) => r.input)),
  output: sum(rows.map((r) => r.outputEstimate)),
};
// With prompt caching: the system prompt and the transcript are written once and read after.
const firstPrefix = rows[0] ? rows[0].system + rows[0].cacheablePrefix : 0;
const laterReads = sum(rows.slice(1).map((r) => r.system + r.cacheablePrefix));
const prices = [
  ["anthropic", "claude-sonnet-5-5"],
  ["anthropic", "claude-haiku-5-5"],
  ["openai", "gpt-5.4-mini"],
] as const;
const costs = prices.map(([provider, model]) => {
  const price = priceFor(provider, model);
  const noCache = costUsd(price, { input: total.input, output: total.output, cachedRead: 0, cacheWrite: 0 });
  const cached = costUsd(price, {
    input: total.input,
    output: total.output,
    cachedRead: laterReads,
    cacheWrite: provider === "anthropic" ? firstPrefix : 0,
  });
  return { provider, model, cost_no_cache_usd: noCache, cost_with_cache_usd: cached };
});

const result = {
  file,
  duration_s: Math.round(call.duration_s),
  utterances: call.utterances.length,
  windows: plan.windows.length,
  items: {
    claims: report.claims.length,
    objections: report.objections.length,
    competitors: report.competitors.length,
    sent: sum(plan.batches.map((b) => b.items.length)),
  },
  excerpts: sum(plan.batches.map((b) => b.catalog.all().length)),
  requests: rows,
  total_input_tokens: total.input,
  total_output_tokens_estimate: total.output,
  cache_write_tokens: firstPrefix,
  cache_read_tokens: laterReads,
  costs,
};

if (asJson) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
else {
  const out: string[] = [];
  out.push(`${file}: ${result.duration_s} s, ${result.utterances} utterances, ${result.windows} window(s)`);
  out.push(
    `items sent: ${result.items.sent} (claims ${result.items.claims}, objections ${result.items.objections}, competitors ${result.items.competitors}); ${result.excerpts} excerpts`,
  );
  out.push("request        items  system  cached-prefix  rest  schema  input  output~");
  for (const r of rows)
    out.push(
      `${r.request.padEnd(14)} ${String(r.items).padStart(5)} ${String(r.system).padStart(7)} ${String(r.cacheablePrefix).padStart(14)} ${String(r.rest).padStart(5)} ${String(r.schema).padStart(7)} ${String(r.input).padStart(6)} ${String(r.outputEstimate).padStart(8)}`,
    );
  out.push(
    `total input ${total.input} tokens (o200k), output ~${total.output}; cache write ${firstPrefix}, cache reads ${laterReads}`,
  );
  for (const c of costs)
    out.push(
      `${c.model}: $${c.cost_no_cache_usd?.toFixed(4)} without caching, $${c.cost_with_cache_usd?.toFixed(4)} with caching`,
    );
  process.stdout.write(`${out.join("\n")}\n`);
}

/** The deterministic results of these items, in the window answer's shape: a stand-in for the model's answer. */
function windowAnswerLike(r: Report, ids: string[]) {
  const evidenceIds = ["E1", "E2"];
  return {
    claims: r.claims
      .filter((c) => ids.includes(c.id))
      .map((c) => ({
        id: c.id,
        verdict: c.verdict,
        evidence_ids: evidenceIds,
        correction: c.correction,
        confidence: c.confidence,
      })),
    objections: r.objections
      .filter((o) => ids.includes(o.id))
      .map((o) => ({ id: o.id, suggested_response: o.suggested_response, evidence_ids: evidenceIds })),
    competitors: r.competitors
      .filter((c) => ids.includes(c.name))
      .map((c) => ({
        id: c.name,
        positioning: c.positioning.slice(0, 3).map((p) => ({ point: p, evidence_ids: evidenceIds })),
      })),
    observations: [],
  };
}

function coachingAnswerLike(r: Report) {
  return {
    summary: r.coaching.summary,
    strengths: r.coaching.strengths.map((text) => ({ text, moment_id: "u12" })),
    improvements: r.coaching.improvements.map((text) => ({ text, moment_id: "c1" })),
    next_action: { text: r.coaching.next_action, moment_id: "c1" },
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
