/**
 * Renders a report as one self-contained, accessible HTML page (no scripts; one <style> element,
 * which the server's CSP allows by its hash — so no style attributes).
 */
import type { Evidence, Report } from "../model/report.js";
import { formatClock } from "../text/format-time.js";
import { usageLines } from "./usage-lines.js";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Only http(s) links become anchors; anything else is shown as text. */
function safeHref(url: string): string | null {
  return /^https?:\/\//i.test(url) ? escapeHtml(url) : null;
}

export const REPORT_CSS = `
:root{--ok:#1a7f37;--bad:#c62828;--unk:#8a6d00;--fg:#1f2328;--muted:#57606a;--bg:#fff;--card:#f6f8fa}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);max-width:960px;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem;margin:.2rem 0}h2{margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
.muted{color:var(--muted)}.card{background:var(--card);border-radius:8px;padding:.8rem 1rem;margin:.8rem 0}
.verdict{display:inline-block;font-weight:600;border-radius:4px;padding:0 .4rem;color:#fff}
.verdict-supported{background:var(--ok)}.verdict-contradicted{background:var(--bad)}.verdict-unverifiable{background:var(--unk)}
.claim-contradicted{border-left:4px solid var(--bad)}.claim-supported{border-left:4px solid var(--ok)}.claim-unverifiable{border-left:4px solid var(--unk)}
blockquote{margin:.4rem 0;padding-left:.8rem;border-left:3px solid #d0d7de}
table{border-collapse:collapse}td,th{padding:.25rem .8rem;border-bottom:1px solid #d0d7de;text-align:left}
meter{width:200px;vertical-align:middle}
code{font:.9em ui-monospace,SFMono-Regular,Menlo,monospace;background:var(--card);padding:0 .2rem;border-radius:3px}
details>summary{cursor:pointer;color:var(--muted)}
a{color:#0969da}
`;

/** "1 participant", "3 participants". */
export function plural(n: number, noun: string, many = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : many}`;
}

/**
 * Escaped text with Markdown code spans (`like this`) as <code>: corrections, snippets and
 * coaching lines are written for Markdown reports, and raw backticks read badly in a page.
 */
export function inlineCode(text: string): string {
  return text
    .split(/(`[^`\n]+`)/)
    .map((part) =>
      part.length > 2 && part.startsWith("`") && part.endsWith("`")
        ? `<code>${escapeHtml(part.slice(1, -1))}</code>`
        : escapeHtml(part),
    )
    .join("");
}

export function renderHtml(report: Report): string {
  const { call, metrics } = report;
  const title = `Call Coach report: ${call.title}`;
  const body: string[] = [];
  body.push(`<header><h1>${escapeHtml(title)}</h1>`);
  body.push(
    `<p class="muted">${call.started_at ? `${escapeHtml(call.started_at)} · ` : ""}${formatClock(call.duration_s)} · ${plural(call.participants.length, "participant")}</p>`,
  );
  body.push(
    `<ul>${call.participants
      .map(
        (p) =>
          `<li><strong>${escapeHtml(p.name)}</strong> <span class="muted">(${p.side}${p.title ? `, ${escapeHtml(p.title)}` : ""})</span></li>`,
      )
      .join("")}</ul>${recordingLink(call.url)}</header>`,
  );

  body.push(`<main><section aria-labelledby="coaching"><h2 id="coaching">Coaching</h2>`);
  body.push(`<p>${inlineCode(report.coaching.summary)}</p>`);
  body.push(`<p><strong>Next action:</strong> ${inlineCode(report.coaching.next_action)}</p>`);
  body.push(list("Strengths", report.coaching.strengths), list("Improvements", report.coaching.improvements));
  body.push(`</section>`);

  const talk = Math.round(metrics.talk_ratio_internal * 100);
  body.push(`<section aria-labelledby="metrics"><h2 id="metrics">Metrics</h2><table>`);
  body.push(
    // A meter, not a sized span: the CSP allows this page's <style> by hash, never style attributes.
    `<tr><th scope="row">Talk ratio (internal)</th><td>${talk}% <meter min="0" max="100" value="${talk}" aria-hidden="true"></meter></td></tr>`,
  );
  body.push(row("Longest monologue", formatClock(metrics.longest_monologue_s)));
  body.push(row("Longest customer story", formatClock(metrics.longest_customer_story_s)));
  body.push(row("Interactivity", `${metrics.interactivity.toFixed(1)} switches/min`));
  body.push(row("Patience", `${metrics.patience_s.toFixed(2)} s`));
  body.push(
    row("Questions (internal / external)", `${metrics.questions_internal} / ${metrics.questions_external}`),
  );
  body.push(`</table></section>`);

  body.push(
    `<section aria-labelledby="claims"><h2 id="claims">Product claims (${report.claims.length})</h2>`,
  );
  for (const c of report.claims) {
    body.push(`<article class="card claim-${c.verdict}" id="${escapeHtml(c.id)}">`);
    body.push(
      `<p><span class="verdict verdict-${c.verdict}">${c.check ? "check this" : c.verdict}</span> <span class="muted">${formatClock(c.start_s)} · ${escapeHtml(c.speaker)} · ${escapeHtml(c.topic)} · confidence ${c.confidence.toFixed(2)}</span></p>`,
    );
    body.push(`<blockquote>${escapeHtml(c.text)}</blockquote>`);
    if (c.correction) body.push(`<p><strong>Correction:</strong> ${inlineCode(c.correction)}</p>`);
    if (c.check) body.push(`<p class="check"><strong>Check this:</strong> ${inlineCode(c.check)}</p>`);
    body.push(evidenceList(c.evidence), `</article>`);
  }
  body.push(`</section>`);

  body.push(
    `<section aria-labelledby="objections"><h2 id="objections">Objections (${report.objections.length})</h2>`,
  );
  for (const o of report.objections) {
    body.push(`<article class="card" id="${escapeHtml(o.id)}">`);
    body.push(
      `<p><strong>${escapeHtml(o.topic)}</strong> <span class="muted">${formatClock(o.start_s)} · ${escapeHtml(o.speaker)}</span></p>`,
    );
    body.push(`<blockquote>${escapeHtml(o.text)}</blockquote>`);
    body.push(`<p><strong>Suggested response:</strong> ${inlineCode(o.suggested_response)}</p>`);
    body.push(evidenceList(o.evidence), `</article>`);
  }
  body.push(`</section>`);

  body.push(
    `<section aria-labelledby="competitors"><h2 id="competitors">Competitors (${report.competitors.length})</h2>`,
  );
  for (const c of report.competitors) {
    body.push(`<article class="card"><h3>${escapeHtml(c.name)}</h3><ul>`);
    for (const m of c.mentions) {
      body.push(`<li>${formatClock(m.start_s)} ${escapeHtml(m.speaker)}: “${escapeHtml(m.text)}”</li>`);
    }
    body.push(`</ul>`, list("Positioning", c.positioning), evidenceList(c.evidence), `</article>`);
  }
  body.push(`</section></main>`);

  body.push(
    `<footer class="muted">${usageLines(report)
      .map((line) => `<p>${escapeHtml(line)}</p>`)
      .join("")}</footer>`,
  );

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${REPORT_CSS}</style></head>
<body>
${body.join("\n")}
</body></html>
`;
}

function row(label: string, value: string): string {
  return `<tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`;
}

function list(heading: string, items: string[]): string {
  if (!items.length) return "";
  return `<h3>${escapeHtml(heading)}</h3><ul>${items.map((i) => `<li>${inlineCode(i)}</li>`).join("")}</ul>`;
}

export function evidenceList(evidence: Evidence[]): string {
  if (!evidence.length) return "";
  const items = evidence.map((e) => {
    const href = safeHref(e.url);
    const title = escapeHtml(e.title);
    const link = href ? `<a href="${href}" rel="noopener noreferrer">${title}</a>` : title;
    return `<li>${link} <span class="muted">(${e.source})</span>${e.snippet ? ` — ${inlineCode(e.snippet)}` : ""}</li>`;
  });
  // Folded: a long call has dozens of evidence lists, and the verdict and correction come first.
  return `<details><summary>Evidence (${evidence.length})</summary><ul>${items.join("")}</ul></details>`;
}

/** The call in the system it came from (Gong), when the report has a web link to it. */
function recordingLink(url: string | undefined): string {
  if (!url || !/^https?:\/\//i.test(url)) return "";
  return `<p><a href="${escapeHtml(url)}" rel="noopener noreferrer">Open the call recording</a></p>`;
}
