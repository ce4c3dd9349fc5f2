import { openKnowledgeBase } from "../src/knowledge/local/knowledge-base.js";
import { syncFromDirectory } from "../src/knowledge/local/sync-dir.js";
const kb = openKnowledgeBase("/tmp/kbtest");
let t = performance.now();
const s = await syncFromDirectory(kb, { dir: "/work/shared/prefect-docs", baseUrl: "https://docs.prefect.io" });
console.log({ ...s, skipped: s.skipped.length }, performance.now() - t);
t = performance.now();
const s2 = await syncFromDirectory(kb, { dir: "/work/shared/prefect-docs", baseUrl: "https://docs.prefect.io" });
console.log({ ...s2, skipped: s2.skipped.length }, performance.now() - t);
for (const q of ["cancel child flow run parent nested", "variables encrypted secret", "rate limits workspace", "logs libraries capture"]) {
  t = performance.now();
  const hits = kb.search(q, { topK: 5 });
  console.log(q, (performance.now() - t).toFixed(2), hits.map((h) => h.url.replace("https://docs.prefect.io/", "") + "#" + h.section));
}
console.log(kb.status());
