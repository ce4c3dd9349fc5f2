import assert from "node:assert/strict";
import { test } from "node:test";
import { sampleReport } from "../../test/support/sample-report.js";
import { reportSchema } from "../model/report.js";
import { renderHtml } from "./html.js";
import { escapeDocText, escapeInline, renderMarkdown } from "./markdown.js";

test("the sample report satisfies the report contract", () => {
  assert.equal(reportSchema.safeParse(sampleReport()).success, true);
});

test("Markdown lists contradicted claims first with their correction and doc link", () => {
  const md = renderMarkdown(sampleReport());
  const contradicted = md.indexOf("✗ contradicted");
  const supported = md.indexOf("✓ supported");
  assert.ok(contradicted > 0 && supported > contradicted, "contradicted before supported");
  assert.match(md, /\*\*Correction:\*\* The docs say: "A nested flow run cannot be cancelled/);
  assert.match(md, /\[Flows\]\(https:\/\/docs\.prefect\.io\/v3\/concepts\/flows\) \(local\)/);
  assert.match(md, /\| talk ratio \(internal\) \| 58% \|/);
  assert.match(md, /1:35 · Dana Rep/);
});

test("Markdown escapes transcript text so it cannot inject structure", () => {
  const md = renderMarkdown(sampleReport());
  assert.ok(md.includes("Chris \\<b>Buyer\\</b>"));
  assert.ok(!md.includes(" <b>Buyer</b>"));
});

test("Markdown escaping keeps ordinary punctuation readable and neutralizes markup", () => {
  // Titles like "Acme <> Prefect | Discovery" and identifiers like retry_delay_seconds are
  // common in calls and must print as written on a terminal.
  assert.equal(escapeInline("Acme <> Prefect | Discovery"), "Acme <> Prefect | Discovery");
  assert.equal(escapeInline("set retry_delay_seconds"), "set retry_delay_seconds");
  assert.equal(escapeInline("<script>x</script>"), "\\<script>x\\</script>");
  assert.equal(escapeInline("[docs](javascript:alert(1))"), "\\[docs](javascript:alert(1))");
  assert.equal(escapeInline("*really* `fast` _now_"), "\\*really\\* \\`fast\\` \\_now\\_");
  assert.equal(escapeInline("line one\n# not a heading"), "line one # not a heading");
  // Docs text keeps balanced code spans; an unbalanced backtick and the rest are escaped.
  assert.equal(escapeDocText("Set `retries` on a *task*"), "Set `retries` on a \\*task\\*");
  assert.equal(escapeDocText("a `b and <i>"), "a \\`b and \\<i>");
});

test("HTML escapes text, marks verdicts and refuses non-http links", () => {
  const html = renderHtml(sampleReport());
  assert.ok(html.startsWith("<!doctype html>"));
  assert.ok(html.includes("Chris &#60;b&#62;Buyer&#60;/b&#62;"));
  assert.ok(!html.includes("<b>Buyer</b>"));
  assert.match(html, /class="card claim-contradicted" id="c1"/);
  assert.match(html, /<a href="https:\/\/docs\.prefect\.io\/v3\/concepts\/flows"/);
  assert.ok(!html.includes('href="javascript:'), "javascript: URL must not become a link");
  assert.ok(html.includes("<title>Call Coach report: Acme &#60;&#62; Prefect | Discovery</title>"));
});

test("both renderers close with the knowledge counters, and the LLM usage when a model took part", () => {
  const plain = sampleReport();
  for (const out of [renderMarkdown(plain), renderHtml(plain)]) {
    assert.match(out, /Knowledge: local mode, \d+ queries, \d+ cache hits, \d+ fallbacks, \d+ errors\./);
    assert.ok(!out.includes("LLM:"));
  }
  const withLlm = {
    ...plain,
    llm: {
      provider: "anthropic",
      model: "claude-sonnet-5-5",
      input_tokens: 15575,
      output_tokens: 1603,
      cached_tokens: 4000,
      requests: 3,
      fallbacks: 0,
      cost_usd: 0.0391,
    },
  };
  for (const out of [renderMarkdown(withLlm), renderHtml(withLlm)]) {
    assert.match(
      out,
      /LLM: anthropic claude-sonnet-5-5, 3 requests, 15575 in \/ 1603 out tokens \(4000 cached\), 0 fallbacks, about \$0\.0391\./,
    );
  }
});

test("an unverifiable claim with a passage to read is shown as 'check this' in Markdown and HTML", () => {
  const report = sampleReport();
  const check =
    'The docs say: "Results are not persisted by default." (Results, https://docs.prefect.io/v3/advanced/results)';
  report.claims.push({
    id: "c9",
    speaker: "Dana Rep",
    start_s: 200,
    text: "Results are persisted by default.",
    topic: "results",
    verdict: "unverifiable",
    confidence: 0.41,
    correction: null,
    check,
    evidence: [],
  });
  assert.equal(reportSchema.safeParse(report).success, true);
  const md = renderMarkdown(report);
  assert.match(md, /### \? check this · 3:20 · Dana Rep/);
  assert.match(md, /\*\*Check this:\*\* The docs say: "Results are not persisted by default\."/);
  const html = renderHtml(report);
  assert.match(html, /<span class="verdict verdict-unverifiable">check this<\/span>/);
  assert.match(
    html,
    /<strong>Check this:<\/strong> The docs say: (?:&quot;|&#34;)Results are not persisted by default\.(?:&quot;|&#34;)/,
  );
});
