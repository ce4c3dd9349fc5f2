/** Competitive positioning points from battlecards and docs pages (migration guides and the like). */
import type { KnowledgeHit } from "../model/knowledge.js";
import { bestSentences, contentTerms } from "./evidence-text.js";

const MAX_POINTS = 4;

export function positioningPoints(competitor: string, hits: KnowledgeHit[]): string[] {
  const name = competitor.toLowerCase();
  const terms = contentTerms(`${competitor} migrate migration compare prefect`);
  const points: string[] = [];
  const seen = new Set<string>();
  const add = (text: string, hit: KnowledgeHit) => {
    const key = text.toLowerCase();
    if (seen.has(key) || points.length >= MAX_POINTS) return;
    seen.add(key);
    points.push(`${text} (${hit.title}: ${hit.url})`);
  };
  // Battlecards written for this competitor come first, then docs that name it; other hits only
  // when nothing names the competitor (a point about Airflow is no answer to Dagster).
  const naming = hits.filter((h) => rank(h, name) >= 1);
  const ranked = [...(naming.length ? naming : hits)].sort((a, b) => rank(b, name) - rank(a, name));
  for (const hit of ranked) {
    for (const sentence of bestSentences(hit.content || hit.snippet, terms, 2)) add(sentence, hit);
  }
  return points;
}

function rank(hit: KnowledgeHit, name: string): number {
  const about = `${hit.title} ${hit.section ?? ""}`.toLowerCase().includes(name) ? 2 : 0;
  const mentions = hit.content.toLowerCase().includes(name) ? 1 : 0;
  return about + mentions + (about + mentions > 0 && hit.source === "pack" ? 1 : 0);
}
