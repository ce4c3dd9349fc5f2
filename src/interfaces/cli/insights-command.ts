/** `call-coach insights [--rep EMAIL] [--since DATE] [--json]`: team and rep insights over stored calls. */
import type { Command } from "commander";
import { loadConfig } from "../../config/env.js";
import { CallCoachService } from "../../service/call-service.js";
import {
  type GroupInsights,
  type Insights,
  type MetricAverages,
  parseSince,
} from "../../service/insights.js";
import { formatClock } from "../../text/format-time.js";

export function registerInsightsCommand(program: Command): Command {
  return program
    .command("insights")
    .description(
      "Trends, most common wrong claims, unanswered objections and competitor mentions over stored calls",
    )
    .option("--rep <email-or-name>", "one rep: their calls and their own claims")
    .option("--since <date>", "calls on or after this date (YYYY-MM-DD)")
    .option("--json", "print the insights as JSON (schema call-coach/insights@1)")
    .action(async (options: { rep?: string; since?: string; json?: boolean }) => {
      const since = options.since ? parseSince(options.since, "--since") : null;
      const service = await CallCoachService.open(loadConfig());
      try {
        const insights = service.insights({ rep: options.rep ?? null, since });
        process.stdout.write(
          options.json ? `${JSON.stringify(insights, null, 2)}\n` : formatInsights(insights),
        );
      } finally {
        await service.close();
      }
    });
}

export function formatInsights(i: Insights): string {
  const out: string[] = [];
  const scope = [
    i.filter.rep ? `rep ${i.filter.rep}` : "team",
    i.filter.since ? `since ${i.filter.since}` : null,
  ]
    .filter(Boolean)
    .join(", ");
  out.push(`Call Coach insights (${scope})`, "");
  out.push(`Team: ${count(i.team.calls, "call")}, ${count(i.team.reps, "rep")}. ${claimLine(i.team)}`);
  out.push(...metricLines(i.team));
  for (const rep of i.reps) {
    out.push(
      "",
      `Rep ${rep.name}${rep.email ? ` <${rep.email}>` : ""}: ${count(rep.calls, "call")}, spoke ${formatClock(rep.talk_s)} (${pct(rep.talk_share)} of all speech on their calls). ${claimLine(rep)}`,
    );
    out.push(...metricLines(rep));
  }
  out.push("", "Most frequent wrong claims (by topic):");
  if (!i.wrong_claims.length) out.push("  none");
  for (const w of i.wrong_claims) {
    out.push(`  ${w.topic}: ${w.count} wrong on ${count(w.calls, "call")} by ${w.reps.join(", ")}`);
    out.push(`    said:  "${w.example.text}"`);
    if (w.right_answer) out.push(`    right: ${w.right_answer}`);
  }
  out.push("", "Objections most often left unanswered (by topic):");
  if (!i.unanswered_objections.length) out.push("  none");
  for (const o of i.unanswered_objections) {
    out.push(
      `  ${o.topic}: ${o.unanswered} unanswered, ${o.deferred} deferred, ${o.answered} answered (${pct(o.unanswered_rate)} not answered on the call)${o.unknown ? `; ${o.unknown} on calls with unknown sides` : ""}`,
    );
    const ex = o.examples[0];
    if (ex) out.push(`    e.g. "${ex.text}"`);
    out.push(`    try: ${o.suggested_response}`);
  }
  out.push("", "Competitor mentions:");
  if (!i.competitors.length) out.push("  none");
  for (const c of i.competitors)
    out.push(
      `  ${c.name}: ${count(c.mentions, "mention")} on ${count(c.calls, "call")} (${c.by_customer} by customers, ${c.by_team} by the team)`,
    );
  return `${out.join("\n")}\n`;
}

function claimLine(g: GroupInsights): string {
  const c = g.claims;
  return `Claims: ${c.total} (${c.supported} supported, ${c.contradicted} contradicted, ${c.unverifiable} unverifiable).`;
}

const LABELS: [keyof MetricAverages, string, (n: number) => string][] = [
  ["talk_ratio_internal", "talk ratio", pct],
  ["longest_monologue_s", "longest monologue", (n) => `${n.toFixed(0)} s`],
  ["interactivity", "interactivity", (n) => `${n.toFixed(1)}/min`],
  ["patience_s", "patience", (n) => `${n.toFixed(2)} s`],
  ["questions_internal", "questions asked", (n) => n.toFixed(1)],
];

function metricLines(g: GroupInsights): string[] {
  if (!g.metrics) return ["  no analyzed calls in this window"];
  const parts = LABELS.map(([key, label, fmt]) => {
    const change = g.change ? g.change[key] : null;
    const arrow = change === null || change === 0 ? "" : change > 0 ? " ↑" : " ↓";
    return `${label} ${fmt(g.metrics![key])}${arrow}`;
  });
  const weeks = g.trend.map(
    (t) => `${t.week}: ${count(t.calls, "call")}, talk ${pct(t.metrics.talk_ratio_internal)}`,
  );
  return [`  averages: ${parts.join(", ")}`, ...(weeks.length > 1 ? [`  weekly: ${weeks.join("; ")}`] : [])];
}

function pct(n: number): string {
  return `${Math.round(n * 100)}%`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
