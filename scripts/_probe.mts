import { mkdtempSync } from "node:fs";
import { judgeClaim } from "../src/judge/claim-judge.js";
import { openKnowledgeBase } from "../src/knowledge/local/knowledge-base.js";
import { syncFromDirectory } from "../src/knowledge/local/sync-dir.js";
import { packJudgeOptions } from "../src/knowledge/pack/pack-contrasts.js";
import { ensurePackIndexed } from "../src/knowledge/pack/pack-index.js";
import { asClaim } from "./claims/judge-data.js";

const home = mkdtempSync("/tmp/probe-");
const kb = openKnowledgeBase(home);
await ensurePackIndexed(kb);
await syncFromDirectory(kb, { dir: process.argv[2]!, baseUrl: "https://docs.prefect.io" });
const o = { ...packJudgeOptions(), termStats: kb.termStatistics() };
for (const t of process.argv.slice(3)) {
  const hits = kb.search(t.replace(/[^\w\s]/g, " "), { topK: 16 });
  const j = judgeClaim(asClaim(t), hits, o);
  console.log(j.verdict, JSON.stringify(j.probabilities), "|", j.decidingSentence?.slice(0, 120), "|", t);
}
