/** Renders a report as Markdown for people: the default output of `analyze` on a terminal. */
import type { Evidence, Report } from "../model/report.js";
import { formatClock } from "../text/format-time.js";
import { usageLines } from "./usage-lines.js";

const VERDICT_LABEL = {
  contradicted: "✗ contradicted",
  supported: "✓ supported",
  unverifiable: "? unverifiable",
} as const;
/** An unverifiable claim with a passage to read: the judge was not sure enough to say more. */
const CHECK_LABEL = "? check this";

export function renderMarkdown(report: Report): string {
  const out: string[] = [];
  const { call, metrics } = report;
  out.push(`# Call Coach report: ${escapeInline(call.title)}`, "");
  const when = call.started_at ? `${call.started_at} · ` : "";
  out.push(
    `${when}${formatClock(call.duration_s)} · ${call.participants.length} participant${call.participants.length === 1 ? "" : "s"}`,
    "",
  );
  if (call.url) out.push(`Call recording: <${call.url}>`, "");
  for (const p of call.participants) {
    const extra = [p.title, p.email].filter(Boolean).join(", ");
    out.push(`- **${escapeInline(p.name)}** (${p.side})${extra ? ` — ${escapeInline(extra)}` : ""}`);
  }

  out.push("", "## Coaching", "", escapeInline(report.coaching.summary), "");
  out.push(`**Next action:** ${escapeInline(report.coaching.next_action)}`, "");
  if (report.coaching.strengths.length) {
    out.push("**Strengths**", "", ...report.coaching.strengths.map((s) => `- ${escapeInline(s)}`), "");
  }
  if (report.coaching.improvements.length) {
    out.push("**Improvements**", "", ...report.coaching.improvements.map((s) => `- ${escapeInline(s)}`), "");
  }

  out.push("## Metrics", "", "| metric | value |", "|---|---|");
  out.push(`| talk ratio (internal) | ${Math.round(metrics.talk_ratio_internal * 100)}% |`);
  out.push(`| longest monologue | ${formatClock(metrics.longest_monologue_s)} |`);
  out.push(`| longest customer story | ${formatClock(metrics.longest_customer_story_s)} |`);
  out.push(`| interactivity | ${metrics.interactivity.toFixed(1)} switches/min |`);
  out.push(`| patience | ${metrics.patience_s.toFixed(2)} s |`);
  out.push(
    `| questions asked (internal / external) | ${metrics.questions_internal} / ${metrics.questions_external} |`,
  );

  const order = { contradicted: 0, unverifiable: 1, supported: 2 } as const;
  const claims = [...report.claims].sort(
    (a, b) => order[a.verdict] - order[b.verdict] || a.start_s - b.start_s,
  );
  out.push("", `## Product claims (${report.claims.length})`, "");
  if (!claims.length) out.push("No product claims found.");
  for (const c of claims) {
    const label = c.check ? CHECK_LABEL : VERDICT_LABEL[c.verdict];
    out.push(`### ${label} · ${formatClock(c.start_s)} · ${escapeInline(c.speaker)}`, "");
    out.push(`> ${escapeInline(c.text)}`, "");
    out.push(`Topic: ${escapeInline(c.topic)} · confidence ${c.confidence.toFixed(2)}`, "");
    if (c.correction) out.push(`**Correction:** ${escapeDocText(c.correction)}`, "");
    if (c.check) out.push(`**Check this:** ${escapeDocText(c.check)}`, "");
    out.push(...evidenceLines(c.evidence));
  }

  out.push("", `## Objections (${report.objections.length})`, "");
  if (!report.objections.length) out.push("No objections found.");
  for (const o of report.objections) {
    out.push(`### ${escapeInline(o.topic)} · ${formatClock(o.start_s)} · ${escapeInline(o.speaker)}`, "");
    out.push(`> ${escapeInline(o.text)}`, "");
    out.push(`**Suggested response:** ${escapeDocText(o.suggested_response)}`, "");
    out.push(...evidenceLines(o.evidence));
  }

  out.push("", `## Competitors (${report.competitors.length})`, "");
  if (!report.competitors.length) out.push("No competitors mentioned.");
  for (const c of report.competitors) {
    out.push(
      `### ${escapeInline(c.name)} (${c.mentions.length} mention${c.mentions.length === 1 ? "" : "s"})`,
      "",
    );
    for (const m of c.mentions)
      out.push(`- ${formatClock(m.start_s)} ${escapeInline(m.speaker)}: “${escapeInline(m.text)}”`);
    if (c.positioning.length)
      out.push("", "**Positioning**", "", ...c.positioning.map((p) => `- ${escapeDocText(p)}`));
    out.push("", ...evidenceLines(c.evidence));
  }

  out.push("", "---", ...usageLines(report));
  return `${out.join("\n")}\n`;
}

function evidenceLines(evidence: Evidence[]): string[] {
  if (!evidence.length) return [];
  const lines = ["Evidence:", ""];
  for (const e of evidence) {
    const snippet = e.snippet ? ` — ${escapeDocText(truncate(e.snippet, 220))}` : "";
    lines.push(`- [${escapeInline(e.title)}](${e.url}) (${e.source})${snippet}`);
  }
  lines.push("");
  return lines;
}

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/**
 * Keeps transcript text from being read as Markdown structure (emphasis, code, links, HTML)
 * while leaving ordinary punctuation alone, so the report stays readable as plain text on a
 * terminal: "Acme <> Vendor | Discovery" is printed as is, "<b>" becomes "\\<b>".
 */
export function escapeInline(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/\\/g, "\\\\")
    .replace(/[`*[]/g, "\\$&")
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, "\\_")
    .replace(/<(?=[A-Za-z/!?])/g, "\\<");
}

/**
 * Documentation text (snippets, corrections, suggested responses) keeps its inline code spans
 * (`retries`), which are safe as they are; the rest is escaped like transcript text.
 */
export function escapeDocText(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .split(/(`[^`]+`)/)
    .map((part, i) => (i % 2 === 1 ? part : escapeInline(part)))
    .join("");
}
