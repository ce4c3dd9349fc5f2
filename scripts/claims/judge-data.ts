/**
 * The corpus as the judge sees it: each claim goes through the same stages as a claim on a call
 * (topic from the product vocabulary, sanitized docs query, knowledge-base search, features), in
 * two settings — the bundled pack alone, and after `docs sync` of the docs snapshot — so the model
 * learns from both and "more docs" can be checked never to hurt.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { claimQuery } from "../../src/ground/queries.js";
import { buildSanitizeContext } from "../../src/ground/sanitize.js";
import type { JudgeOptions } from "../../src/judge/claim-judge.js";
import { type KnowledgeBase, openKnowledgeBase } from "../../src/knowledge/local/knowledge-base.js";
import { syncFromDirectory } from "../../src/knowledge/local/sync-dir.js";
import { ensurePackIndexed } from "../../src/knowledge/pack/pack-index.js";
import type { Call } from "../../src/model/call.js";
import type { KnowledgeHit } from "../../src/model/knowledge.js";
import type { ClaimMoment } from "../../src/model/moments.js";
import { statementClaim } from "../../src/pipeline/judge-statement.js";
import { defaultProductProfile } from "../../src/product/default.js";
import { SHARED_DOCS } from "../shared-data.js";

export type Setting = "synced" | "pack";
export const TOP_K = 16;
const CACHE = resolve(import.meta.dirname, "..", "..", ".cache");

/** A knowledge base per setting, built once under .cache/ (the synced one from the docs snapshot). */
export async function knowledgeBaseFor(setting: Setting): Promise<KnowledgeBase> {
  const home = join(CACHE, setting === "synced" ? "kb-full" : "kb-pack");
  mkdirSync(home, { recursive: true });
  const kb = openKnowledgeBase(home);
  await ensurePackIndexed(kb);
  if (setting === "synced" && !kb.status().sources.some((s) => s.source === "docs")) {
    if (!existsSync(SHARED_DOCS))
      throw new Error(`docs snapshot not found at ${SHARED_DOCS} (set CALL_COACH_SHARED_DIR)`);
    await syncFromDirectory(kb, { dir: SHARED_DOCS, baseUrl: profile.docsBaseUrl });
  }
  return kb;
}

const NO_CALL: Call = {
  id: "corpus",
  title: "corpus",
  started_at: null,
  duration_s: 0,
  participants: [],
  utterances: [],
  source: { format: "text", path: null, timing: "estimated" },
  warnings: [],
};
const profile = defaultProductProfile();
const noNames = buildSanitizeContext(NO_CALL, { profile });

/** A corpus sentence as the claim moment a call would give. */
export const asClaim = (text: string): ClaimMoment => statementClaim(text, profile);

/** The docs query a call would send for this claim (topic terms only). */
export const claimSearchQuery = (claim: ClaimMoment): string => claimQuery(claim, noNames);

export function retrieve(kb: KnowledgeBase, claim: ClaimMoment): KnowledgeHit[] {
  const query = claimSearchQuery(claim);
  return query ? kb.search(query, { topK: TOP_K }) : [];
}

export function judgeOptionsFor(kb: KnowledgeBase, base: JudgeOptions): JudgeOptions {
  return { ...base, termStats: kb.termStatistics() };
}

const docKey = (p: string) => p.replace(/\.mdx?$/, "").replace(/\/index$/, "");
const urlKey = (u: string) =>
  docKey(
    (u.startsWith(`${profile.docsBaseUrl}/`) ? u.slice(profile.docsBaseUrl.length + 1) : u).replace(
      /[#?].*$/,
      "",
    ),
  );
/** Whether one of the first three evidence items is one of the claim's deciding pages. */
export function citesDecidingPage(evidence: { url: string }[], docs: string[]): boolean {
  const want = new Set(docs.map(docKey));
  return evidence.slice(0, 3).some((e) => want.has(urlKey(e.url)));
}
