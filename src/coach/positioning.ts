/** Competitive positioning points from battlecards and docs pages (migration guides and the like). */
import type { CompetitorDefinition } from "../analyze/competitors.js";
import type { KnowledgeHit } from "../model/knowledge.js";
import { bestSentences, contentTerms } from "./evidence-text.js";

const MAX_POINTS = 4;

/**
 * Up to four points for `competitor`, each quoting a hit. `product` is the name of the product
 * being sold (the profile's name): comparisons name it. A managed offering of another competitor
 * (`basedOn`, with `base` its entry) is positioned with its own material first, then its base's.
 */
export function positioningPoints(
  competitor: Pick<CompetitorDefinition, "name" | "aliases" | "basedOn">,
  hits: KnowledgeHit[],
  product: string,
  base: Pick<CompetitorDefinition, "name"> | null = null,
): string[] {
  const terms = contentTerms(
    `${competitor.name}${base ? ` ${base.name}` : ""} migrate migration compare ${product}`,
  );
  // A vendor is named by any of its spellings ("MWAA"), never by its display name alone.
  const own = base ? competitor.aliases.map((a) => a.toLowerCase()) : [competitor.name.toLowerCase()];
  const baseName = base ? [base.name.toLowerCase()] : [];
  const points: string[] = [];
  const seen = new Set<string>();
  const add = (text: string, hit: KnowledgeHit) => {
    const key = text.toLowerCase();
    if (seen.has(key) || points.length >= MAX_POINTS) return;
    seen.add(key);
    points.push(`${text} (${hit.title}: ${hit.url})`);
  };
  // Battlecards written for this competitor come first, then docs that name it, then (for a
  // vendor) its base's; other hits only when nothing names the competitor (a point about Airflow
  // is no answer to Dagster).
  const score = (hit: KnowledgeHit) => rank(hit, own) * 10 + rank(hit, baseName);
  const naming = hits.filter((h) => score(h) >= 1);
  const ranked = [...(naming.length ? naming : hits)].sort((a, b) => score(b) - score(a));
  for (const hit of ranked) {
    for (const sentence of bestSentences(hit.content || hit.snippet, terms, 2)) add(sentence, hit);
  }
  return points;
}

function rank(hit: KnowledgeHit, names: string[]): number {
  if (!names.length) return 0;
  const title = `${hit.title} ${hit.section ?? ""}`.toLowerCase();
  const content = hit.content.toLowerCase();
  const about = names.some((n) => title.includes(n)) ? 2 : 0;
  const mentions = names.some((n) => content.includes(n)) ? 1 : 0;
  return about + mentions + (about + mentions > 0 && hit.source === "pack" ? 1 : 0);
}
