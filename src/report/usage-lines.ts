/** The report's closing lines on where knowledge came from and what the LLM used, as plain text. */
import type { Report } from "../model/report.js";

export function usageLines(report: Report): string[] {
  const k = report.knowledge;
  const lines = [
    `Knowledge: ${k.mode} mode, ${k.queries} queries, ${k.cache_hits} cache hits, ${k.fallbacks} fallbacks, ${k.errors} errors.`,
  ];
  const o = report.omitted;
  if (o)
    lines.push(
      `Left out to keep the report bounded: ${o.claims} claims, ${o.objections} objections and ${o.competitor_mentions} competitor mentions after the first ones in the call (not checked).`,
    );
  const l = report.llm;
  if (l) {
    const cost = l.cost_usd === null ? "" : `, about $${l.cost_usd.toFixed(4)}`;
    lines.push(
      `LLM: ${l.provider} ${l.model}, ${l.requests} requests, ${l.input_tokens} in / ${l.output_tokens} out tokens (${l.cached_tokens} cached), ${l.fallbacks} fallbacks${cost}.`,
    );
  }
  return lines;
}
