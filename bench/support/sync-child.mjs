// Runs one docs sync (bundled pack + a docs directory) in its own process, as `call-coach docs
// sync` does, and prints {ms, maxRssMb, summary} so the benchmark can read the peak memory.
// usage: node bench/support/sync-child.mjs HOME DOCS_DIR BASE_URL   (needs `npm run build`)
import { openKnowledgeBase } from "../../dist/knowledge/local/knowledge-base.js";
import { syncFromDirectory } from "../../dist/knowledge/local/sync-dir.js";
import { ensurePackIndexed } from "../../dist/knowledge/pack/pack-index.js";

const [home, dir, baseUrl] = process.argv.slice(2);
const started = performance.now();
const kb = openKnowledgeBase(home);
await ensurePackIndexed(kb);
const summary = await syncFromDirectory(kb, { dir, baseUrl });
kb.close();
const ms = performance.now() - started;
// resourceUsage().maxRSS is in kilobytes.
process.stdout.write(`${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, summary })}\n`);
