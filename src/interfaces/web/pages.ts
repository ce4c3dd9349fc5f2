/** The call list, insights, upload, login and error pages. */

import type { Insights } from "../../service/insights.js";
import type { CallSummary } from "../../storage/call-store.js";
import type { RepRecord } from "../../storage/reps.js";
import { formatClock } from "../../text/format-time.js";
import { barChart, trendChart } from "./charts.js";
import { type Html, html } from "./html.js";
import { page } from "./layout.js";

export interface CallListInput {
  calls: CallSummary[];
  total: number;
  q: string;
  rep: string;
  since: string;
  offset: number;
  limit: number;
  reps: RepRecord[];
  /** The Gong sync status line, when Gong is synced. */
  gong?: Html | null;
}

export function callListPage(input: CallListInput): string {
  const { calls } = input;
  const query = (offset: number) =>
    `/?${new URLSearchParams({ q: input.q, rep: input.rep, since: input.since, offset: String(offset) }).toString()}`;
  const body = html`<h1>Calls</h1>
<form class="inline" method="get" action="/" role="search" aria-label="Search calls">
  <div><label for="q">Search</label><input type="search" id="q" name="q" value="${input.q}" placeholder="words in title, names or transcript"></div>
  ${repSelect(input.reps, input.rep)}
  <div><label for="since">Since</label><input type="date" id="since" name="since" value="${input.since}"></div>
  <div><button type="submit">Search</button></div>
</form>
<p>${input.total} call${input.total === 1 ? "" : "s"}${input.q || input.rep || input.since ? " match" : " stored"}.</p>
${input.gong ?? ""}
${
  calls.length
    ? html`<table>
<caption class="visually-hidden">Stored calls, newest first</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Call</th><th scope="col">Reps</th><th scope="col" class="num">Duration</th>
<th scope="col" class="num">Claims</th><th scope="col" class="num">Contradicted</th><th scope="col" class="num">Objections</th><th scope="col" class="num">Competitors</th></tr></thead>
<tbody>${calls.map(
        (c) => html`<tr>
<td>${c.call_date.slice(0, 10)}</td>
<td><a href="/calls/${c.id}">${c.title}</a></td>
<td>${c.reps.join(", ") || html`<span class="muted">none identified</span>`}</td>
<td class="num">${formatClock(c.duration_s)}</td>
<td class="num">${c.analysis?.claims ?? "–"}</td>
<td class="num">${c.analysis ? (c.analysis.contradicted ? html`<span class="verdict verdict-contradicted">✗ ${c.analysis.contradicted}</span>` : "0") : "–"}</td>
<td class="num">${c.analysis?.objections ?? "–"}</td>
<td class="num">${c.analysis?.competitors ?? "–"}</td>
</tr>`,
      )}</tbody></table>
<nav class="pager" aria-label="Pages">
${input.offset > 0 ? html`<a href="${query(Math.max(0, input.offset - input.limit))}">← Newer</a>` : ""}
${input.offset + input.limit < input.total ? html`<a href="${query(input.offset + input.limit)}">Older →</a>` : ""}
</nav>`
    : html`<p>No calls yet. <a href="/upload">Upload a transcript</a> or run <code>call-coach analyze DIR --store</code>.</p>`
}`;
  return page("Calls", "calls", body);
}

function repSelect(reps: RepRecord[], selected: string): Html {
  return html`<div><label for="rep">Rep</label><select id="rep" name="rep">
<option value="">Everyone</option>
${reps.map((r) => {
  const value = r.email ?? r.name;
  return html`<option value="${value}"${value === selected ? html` selected` : ""}>${r.name}${r.email ? ` (${r.email})` : ""}</option>`;
})}
</select></div>`;
}

export function insightsPage(insights: Insights, reps: RepRecord[], rep: string, since: string): string {
  const t = insights.team;
  const focus = insights.filter.rep ? insights.reps : [];
  const trendSource = focus[0] ?? t;
  const body = html`<h1>Insights</h1>
<form class="inline" method="get" action="/insights" aria-label="Filter insights">
  ${repSelect(reps, rep)}
  <div><label for="since">Since</label><input type="date" id="since" name="since" value="${since}"></div>
  <div><button type="submit">Show</button></div>
</form>
<section aria-labelledby="team-h"><h2 id="team-h">${focus[0] ? html`${focus[0].name} compared with the team` : "Team"}</h2>
<div class="grid">
  <div class="stat">Calls<strong>${focus[0]?.calls ?? t.calls}</strong></div>
  <div class="stat">Reps<strong>${t.reps}</strong></div>
  <div class="stat">Claims checked<strong>${(focus[0] ?? t).claims.total}</strong></div>
  <div class="stat">Contradicted<strong>${(focus[0] ?? t).claims.contradicted}</strong></div>
</div>
${
  trendSource.trend.length
    ? html`<h3>Talk ratio by week</h3>${trendChart(
        "Team talk ratio by week",
        trendSource.trend.map((p) => ({
          label: p.week.slice(5),
          value: p.metrics.talk_ratio_internal,
          display: pct(p.metrics.talk_ratio_internal),
        })),
        1,
      )}
<table><caption>Weekly averages</caption><thead><tr><th scope="col">Week of</th><th scope="col" class="num">Calls</th><th scope="col" class="num">Talk ratio</th><th scope="col" class="num">Longest monologue</th><th scope="col" class="num">Interactivity</th><th scope="col" class="num">Questions asked</th><th scope="col" class="num">Contradicted claims</th></tr></thead>
<tbody>${trendSource.trend.map(
        (
          p,
        ) => html`<tr><td>${p.week}</td><td class="num">${p.calls}</td><td class="num">${pct(p.metrics.talk_ratio_internal)}</td>
<td class="num">${formatClock(p.metrics.longest_monologue_s)}</td><td class="num">${p.metrics.interactivity.toFixed(1)}/min</td>
<td class="num">${p.metrics.questions_internal.toFixed(1)}</td><td class="num">${p.contradicted} of ${p.claims}</td></tr>`,
      )}</tbody></table>`
    : html`<p>No analyzed calls in this window.</p>`
}
</section>

<section aria-labelledby="reps-h"><h2 id="reps-h">Reps</h2>
${
  insights.reps.length
    ? html`<table><thead><tr><th scope="col">Rep</th><th scope="col" class="num">Calls</th><th scope="col" class="num">Talk share</th><th scope="col" class="num">Avg talk ratio (team)</th><th scope="col" class="num">Claims</th><th scope="col" class="num">Contradicted</th></tr></thead>
<tbody>${insights.reps.map(
        (
          r,
        ) => html`<tr><td><a href="/insights?${new URLSearchParams({ rep: r.email ?? r.name, since }).toString()}">${r.name}</a>${r.email ? html` <span class="muted">${r.email}</span>` : ""}</td>
<td class="num">${r.calls}</td><td class="num">${pct(r.talk_share)}</td><td class="num">${r.metrics ? pct(r.metrics.talk_ratio_internal) : "–"}</td>
<td class="num">${r.claims.total}</td><td class="num">${r.claims.contradicted}</td></tr>`,
      )}</tbody></table>`
    : html`<p>No reps identified yet: reps are the team's speakers (by email, else by name).</p>`
}
</section>

<section aria-labelledby="wrong-h"><h2 id="wrong-h">Most frequent wrong claims</h2>
${
  insights.wrong_claims.length
    ? insights.wrong_claims.map(
        (
          w,
        ) => html`<article class="card claim claim-contradicted" aria-labelledby="wrong-${w.topic.replace(/\W+/g, "-")}">
<h3 id="wrong-${w.topic.replace(/\W+/g, "-")}">${w.topic} <span class="muted">(${w.count} wrong on ${w.calls} call${w.calls === 1 ? "" : "s"})</span></h3>
<p>Said by ${w.reps.join(", ")}, e.g. <a href="/calls/${w.example.call_id}#claim-${w.example.claim_id}">on this call</a>:</p>
<blockquote>${w.example.text}</blockquote>
${w.right_answer ? html`<div class="correction"><strong>Right answer:</strong> ${w.right_answer}</div>` : ""}
${w.evidence && /^https?:\/\//.test(w.evidence.url) ? html`<p>Docs: <a href="${w.evidence.url}" rel="noopener noreferrer">${w.evidence.title}</a></p>` : ""}
</article>`,
      )
    : html`<p>No contradicted claims in this window.</p>`
}
</section>

<section aria-labelledby="obj-h"><h2 id="obj-h">Objections most often left unanswered</h2>
<p class="muted">Unanswered: no one on the team addressed the objection within 90 seconds (a non-question sentence sharing at least two terms with it or its topic). Deferred: an answer was promised for later.</p>
${
  insights.unanswered_objections.length
    ? html`<table><thead><tr><th scope="col">Topic</th><th scope="col" class="num">Unanswered</th><th scope="col" class="num">Deferred</th><th scope="col" class="num">Answered</th><th scope="col">Example and suggested response</th></tr></thead>
<tbody>${insights.unanswered_objections.map(
        (
          o,
        ) => html`<tr><td>${o.topic}</td><td class="num">${o.unanswered}</td><td class="num">${o.deferred}</td><td class="num">${o.answered}</td>
<td>${o.examples[0] ? html`“${o.examples[0].text}” <a href="/calls/${o.examples[0].call_id}">(call)</a><br>` : ""}<strong>Try:</strong> ${o.suggested_response}</td></tr>`,
      )}</tbody></table>`
    : html`<p>Every objection in this window was answered on the call.</p>`
}
</section>

<section aria-labelledby="comp-h"><h2 id="comp-h">Competitor mentions</h2>
${
  insights.competitors.length
    ? html`${barChart(
        "Competitor mentions",
        insights.competitors.map((c) => ({ label: c.name, value: c.mentions, display: String(c.mentions) })),
        Math.max(...insights.competitors.map((c) => c.mentions)),
      )}
<table><thead><tr><th scope="col">Competitor</th><th scope="col" class="num">Mentions</th><th scope="col" class="num">Calls</th><th scope="col" class="num">By customers</th><th scope="col" class="num">By the team</th></tr></thead>
<tbody>${insights.competitors.map(
        (c) =>
          html`<tr><td>${c.name}</td><td class="num">${c.mentions}</td><td class="num">${c.calls}</td><td class="num">${c.by_customer}</td><td class="num">${c.by_team}</td></tr>`,
      )}</tbody></table>`
    : html`<p>No competitors mentioned in this window.</p>`
}
</section>`;
  return page("Insights", "insights", body);
}

export function uploadPage(error: { field: string; message: string } | null = null, internal = ""): string {
  const body = html`<h1>Upload a call</h1>
${error ? html`<div class="error" role="alert" id="upload-error"><strong>The call was not analyzed.</strong> ${error.message}</div>` : ""}
<form method="post" action="/upload" enctype="multipart/form-data">
  <div class="field">
    <label for="file">Transcript file</label>
    <input type="file" id="file" name="file" required accept=".json,.vtt,.srt,.txt" aria-describedby="file-hint${error?.field === "file" ? " upload-error" : ""}"${error?.field === "file" ? html` aria-invalid="true"` : ""}>
    <p class="hint" id="file-hint">Gong export (.gong.json), WebVTT (.vtt), SRT (.srt), plain text (<code>[hh:mm:ss] Name: text</code>) or Call Coach JSON.</p>
  </div>
  <div class="field">
    <label for="internal">Your team's speakers (optional)</label>
    <input type="text" id="internal" name="internal" value="${internal}" aria-describedby="internal-hint">
    <p class="hint" id="internal-hint">Comma-separated names, e.g. <code>Dana Reyes, Sam Ortiz</code>. Gong exports and configured company email domains need none.</p>
  </div>
  <button type="submit">Analyze</button>
</form>`;
  return page("Upload a call", "upload", body);
}

export function loginPage(failed: boolean, next: string): string {
  const body = html`<h1>Sign in</h1>
<p>This Call Coach server needs its API key.</p>
${failed ? html`<div class="error" role="alert" id="login-error">That key is not right.</div>` : ""}
<form method="post" action="/login">
  <input type="hidden" name="next" value="${next}">
  <div class="field"><label for="key">API key</label>
  <input type="password" id="key" name="key" required autocomplete="current-password"${failed ? html` aria-invalid="true" aria-describedby="login-error"` : ""}></div>
  <button type="submit">Sign in</button>
</form>`;
  return page("Sign in", "none", body);
}

export function errorPage(status: number, message: string): string {
  return page(
    `Error ${status}`,
    "none",
    html`<h1>${status === 404 ? "Not found" : "Something went wrong"}</h1><p role="alert">${message}</p><p><a href="/">Back to all calls</a></p>`,
  );
}

function pct(n: number): string {
  return `${Math.round(n * 100)}%`;
}
