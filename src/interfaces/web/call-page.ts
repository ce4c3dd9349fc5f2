/**
 * One call: coaching summary, metrics with charts, claims by verdict with evidence and
 * corrections, objections with how they were handled and a suggested response, competitors,
 * and the transcript timeline with every claim and objection highlighted and linked both ways.
 */
import type { Call } from "../../model/call.js";
import type { ClaimReport, Evidence, Report, Verdict } from "../../model/report.js";
import { inlineCode } from "../../report/html.js";
import type { AnalysisMeta, CallDetail, ObjectionOutcome } from "../../storage/call-store.js";
import { formatClock } from "../../text/format-time.js";
import { barChart, talkTimeline } from "./charts.js";
import { type Html, html, raw } from "./html.js";
import { page } from "./layout.js";

export const VERDICT_LABEL: Record<Verdict, string> = {
  supported: "✓ Supported",
  contradicted: "✗ Contradicted",
  unverifiable: "? Unverifiable",
};

export interface CallPageInput {
  detail: CallDetail;
  call: Call;
  report: Report;
  analysis: AnalysisMeta;
  outcomes: Map<string, ObjectionOutcome>;
  notice?: string | null;
}

export function callPage(input: CallPageInput): string {
  const { detail, call, report, analysis } = input;
  const counts = (v: Verdict) => report.claims.filter((c) => c.verdict === v).length;
  const body = html`
<p><a href="/">← All calls</a></p>
${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : ""}
${warningsBlock(report, call)}
<h1>${report.call.title}</h1>
<p class="muted">${report.call.started_at ? html`<time datetime="${report.call.started_at}">${report.call.started_at.replace("T", " ").slice(0, 16)}</time> · ` : ""}${formatClock(report.call.duration_s)} ·
  analyzed ${analysis.created_at.slice(0, 16).replace("T", " ")} (${analysis.knowledge_mode} knowledge)</p>
<ul>${report.call.participants.map(
    (p) =>
      html`<li><span class="speaker-${p.side}">${p.name}</span> <span class="muted">(${sideLabel(p.side)}${p.title ? `, ${p.title}` : ""}${p.email ? `, ${p.email}` : ""})</span></li>`,
  )}</ul>
${report.call.url && /^https?:\/\//i.test(report.call.url) ? html`<p><a href="${report.call.url}" rel="noopener noreferrer">Open the call recording</a></p>` : ""}
<nav aria-label="On this page"><ul class="toc">
  <li><a href="#coaching">Coaching</a></li><li><a href="#metrics">Metrics</a></li>
  <li><a href="#claims">Claims (${report.claims.length})</a></li><li><a href="#objections">Objections (${report.objections.length})</a></li>
  <li><a href="#competitors">Competitors (${report.competitors.length})</a></li><li><a href="#transcript">Transcript</a></li>
</ul></nav>
<p>Report: <a href="/api/calls/${detail.id}/report?format=json">JSON</a> · <a href="/api/calls/${detail.id}/report?format=markdown">Markdown</a> · <a href="/api/calls/${detail.id}/report?format=html">HTML</a></p>
<form method="post" action="/calls/${detail.id}/analyze"><button class="secondary" type="submit">Analyze again with current docs</button></form>

<section aria-labelledby="coaching"><h2 id="coaching">Coaching</h2>
<p>${md(report.coaching.summary)}</p>
<p><strong>Next action:</strong> ${md(report.coaching.next_action)}</p>
<div class="grid">
  <div><h3>Strengths</h3>${list(report.coaching.strengths)}</div>
  <div><h3>Improvements</h3>${list(report.coaching.improvements)}</div>
</div>
</section>

<section aria-labelledby="metrics"><h2 id="metrics">Metrics</h2>
${metricsBlock(report, call)}
</section>

<section aria-labelledby="claims"><h2 id="claims">Product claims</h2>
<p>${counts("contradicted")} contradicted, ${counts("supported")} supported, ${counts("unverifiable")} unverifiable.
  Contradicted claims come first; each links to the moment in the transcript.</p>
${report.claims.length ? orderClaims(report.claims).map(claimCard) : html`<p>No product claims were found on this call.</p>`}
</section>

<section aria-labelledby="objections"><h2 id="objections">Objections</h2>
${report.objections.length ? report.objections.map((o) => objectionCard(o, input.outcomes.get(o.id))) : html`<p>No objections were raised.</p>`}
</section>

<section aria-labelledby="competitors"><h2 id="competitors">Competitors</h2>
${report.competitors.length ? report.competitors.map(competitorCard) : html`<p>No competitors were mentioned.</p>`}
</section>

<section aria-labelledby="transcript"><h2 id="transcript">Transcript</h2>
<p class="muted">Highlighted: product claims by verdict (✓ supported, ✗ contradicted, ? unverifiable) and objections. Each tag links to its card above.</p>
${timeline(call, report)}
</section>`;
  return page(report.call.title, "calls", body);
}

/**
 * What the parser warned about, shown on the call's page and not only on a terminal. A call with
 * no speaker on the team is the important one: nothing the team said was checked.
 */
function warningsBlock(report: Report, call: Call): Html | "" {
  const noTeam = !report.call.participants.some((p) => p.side === "internal");
  const others = call.warnings.filter((w) => !/no speaker is known to be on your team/.test(w));
  if (!noTeam && !others.length) return "";
  return html`<div class="warning" role="alert" id="call-warnings"><strong>Check this analysis.</strong>
${noTeam ? html`<p>No speaker is known to be on your team, so no product claims were checked and the team's talk ratio is 0. <a href="/upload">Upload the call again</a> with your team's speakers' names.</p>` : ""}
${others.length ? html`<ul>${others.map((w) => html`<li>${w}</li>`)}</ul>` : ""}</div>`;
}

function sideLabel(side: string): string {
  return side === "internal" ? "team" : side === "external" ? "customer" : "side unknown";
}

function list(items: string[]): Html {
  return items.length
    ? html`<ul>${items.map((i) => html`<li>${md(i)}</li>`)}</ul>`
    : html`<p class="muted">None.</p>`;
}

function orderClaims(claims: ClaimReport[]): ClaimReport[] {
  const rank: Record<Verdict, number> = { contradicted: 0, unverifiable: 1, supported: 2 };
  return [...claims].sort((a, b) => rank[a.verdict] - rank[b.verdict] || a.start_s - b.start_s);
}

function metricsBlock(report: Report, call: Call): Html {
  const m = report.metrics;
  const talk = Math.round(m.talk_ratio_internal * 100);
  return html`<div class="grid">
  <div class="stat">Talk ratio (team)<strong>${talk}%</strong></div>
  <div class="stat">Longest monologue<strong>${formatClock(m.longest_monologue_s)}</strong></div>
  <div class="stat">Longest customer story<strong>${formatClock(m.longest_customer_story_s)}</strong></div>
  <div class="stat">Interactivity<strong>${m.interactivity.toFixed(1)}/min</strong></div>
  <div class="stat">Patience<strong>${m.patience_s.toFixed(2)} s</strong></div>
  <div class="stat">Questions (team / customer)<strong>${m.questions_internal} / ${m.questions_external}</strong></div>
</div>
<h3>Who talked</h3>
${barChart(
  "Share of speaking time",
  [
    { label: "Team", value: talk, display: `${talk}%` },
    { label: "Customer", value: 100 - talk, display: `${100 - talk}%` },
  ],
  100,
)}
${talkTimeline(call)}`;
}

function claimCard(c: ClaimReport): Html {
  return html`<article class="card claim claim-${c.verdict}" id="claim-${c.id}" aria-labelledby="claim-${c.id}-h">
<h3 id="claim-${c.id}-h"><span class="verdict verdict-${c.verdict}">${c.check ? "? check this" : VERDICT_LABEL[c.verdict]}</span> ${c.topic}</h3>
<p class="muted">${c.speaker} at <a href="#t-${c.id}">${formatClock(c.start_s)}</a> · confidence ${c.confidence.toFixed(2)}</p>
<blockquote>${c.text}</blockquote>
${c.correction ? html`<div class="correction"><strong>Correction:</strong> ${md(c.correction)}</div>` : ""}
${c.check ? html`<div class="check"><strong>Check this:</strong> ${md(c.check)}</div>` : ""}
${evidenceList(c.evidence)}
</article>`;
}

function objectionCard(o: Report["objections"][number], outcome: ObjectionOutcome | undefined): Html {
  const status = outcome?.status ?? "unanswered";
  const statusText =
    status === "answered"
      ? "Answered on the call"
      : status === "deferred"
        ? "Deferred (an answer was promised for later)"
        : "Left unanswered on the call";
  return html`<article class="card" id="objection-${o.id}" aria-labelledby="objection-${o.id}-h">
<h3 id="objection-${o.id}-h">${capitalize(o.topic)} objection</h3>
<p class="muted">${o.speaker} at <a href="#t-${o.id}">${formatClock(o.start_s)}</a> · <span class="status-${status}">${statusText}</span></p>
<blockquote>${o.text}</blockquote>
${outcome?.response ? html`<p><strong>Team's response</strong> (${outcome.response.speaker}, ${formatClock(outcome.response.start_s)}): ${outcome.response.text}</p>` : ""}
<p><strong>Suggested response:</strong> ${md(o.suggested_response)}</p>
${evidenceList(o.evidence)}
</article>`;
}

function competitorCard(c: Report["competitors"][number]): Html {
  return html`<article class="card" aria-labelledby="competitor-${slug(c.name)}">
<h3 id="competitor-${slug(c.name)}">${c.name} <span class="muted">(${c.mentions.length} mention${c.mentions.length === 1 ? "" : "s"})</span></h3>
<ul>${c.mentions.map((m) => html`<li>${m.speaker} at ${formatClock(m.start_s)}: “${m.text}”</li>`)}</ul>
${c.positioning.length ? html`<h4>Positioning</h4><ul>${c.positioning.map((p) => html`<li>${md(p)}</li>`)}</ul>` : ""}
${evidenceList(c.evidence)}
</article>`;
}

/** Folded by default: a long call has dozens of these, and the verdict and correction come first. */
function evidenceList(evidence: Evidence[]): Html {
  if (!evidence.length) return html`<p class="muted">No documentation evidence found.</p>`;
  return html`<details class="evidence-list"><summary>Evidence (${evidence.length})</summary><ol class="evidence">${evidence.map(
    (e) =>
      html`<li>${/^https?:\/\//i.test(e.url) ? html`<a href="${e.url}" rel="noopener noreferrer">${e.title}</a>` : e.title} <span class="muted">(${e.source})</span><span class="snippet">${md(e.snippet)}</span></li>`,
  )}</ol></details>`;
}

/** Escaped text with `code spans` shown as code (see report/html.ts inlineCode). */
function md(text: string): Html {
  return raw(inlineCode(text)) as Html;
}

interface Highlight {
  id: string;
  kind: Verdict | "objection";
  label: string;
}

function timeline(call: Call, report: Report): Html {
  const byText = new Map<string, Highlight[]>();
  const add = (text: string, start: number, h: Highlight) => {
    const key = `${text}\u0000${Math.round(start)}`;
    byText.set(key, [...(byText.get(key) ?? []), h]);
  };
  for (const c of report.claims)
    add(c.text, c.start_s, {
      id: c.id,
      kind: c.verdict,
      label: `${c.id} ${VERDICT_LABEL[c.verdict].toLowerCase()}`,
    });
  for (const o of report.objections)
    add(o.text, o.start_s, { id: o.id, kind: "objection", label: `${o.id} objection` });
  const placed = new Set<string>();
  const names = new Map(call.participants.map((p) => [p.id, p] as const));
  const items = call.utterances.map((u) => {
    const p = names.get(u.speakerId);
    const sentences = u.sentences.map((s) => {
      const marks = byText.get(`${s.text}\u0000${Math.round(s.start_s)}`) ?? [];
      if (!marks.length) return html`${s.text} `;
      for (const m of marks) placed.add(m.id);
      const first = marks[0]!;
      return html`<mark class="hl hl-${first.kind}" id="t-${first.id}">${s.text}</mark>${marks.map(
        (m, i) =>
          html`${i > 0 ? html`<span id="t-${m.id}"></span>` : ""}<a class="tag tag-${m.kind}" href="#${m.kind === "objection" ? "objection" : "claim"}-${m.id}">${m.label}</a>`,
      )} `;
    });
    return html`<li id="u-${u.index}"><time datetime="PT${Math.round(u.start_s)}S">${formatClock(u.start_s)}</time>
<span class="speaker-${p?.side ?? "unknown"}">${p?.name ?? u.speakerId}</span><p>${sentences}</p></li>`;
  });
  // A moment whose sentence could not be matched still gets an anchor, at its utterance.
  const missing = [...report.claims, ...report.objections].filter((m) => !placed.has(m.id));
  return html`<ol class="timeline">${items}</ol>${missing.length ? html`<p class="muted">${missing.map((m) => html`<span id="t-${m.id}">${m.id} at ${formatClock(m.start_s)}. </span>`)}</p>` : ""}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}
