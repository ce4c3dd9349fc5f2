/** `call-coach docs cache stats|clear`: the persistent cache of docs answers from MCP. */
import type { Command } from "commander";
import { loadConfig } from "../../config/env.js";
import { openDocsCache } from "../../knowledge/cache/docs-cache.js";
import { productHome, productProfile } from "../../product/default.js";

/** The chosen product's docs cache (each product has its own). */
function openProductDocsCache() {
  const config = loadConfig();
  return openDocsCache(productHome(config.home, productProfile(config.productDir)));
}

export function registerDocsCacheCommand(docs: Command): Command {
  const cache = docs
    .command("cache")
    .description("Inspect or empty the cache of documentation answers from MCP");
  cache
    .command("stats")
    .description("Entries, freshness and hit/miss counts")
    .option("--json", "print as JSON")
    .action((options: { json?: boolean }) => {
      const store = openProductDocsCache();
      try {
        const s = store.stats();
        if (options.json) {
          process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
          return;
        }
        const c = s.counters;
        const lookups = c.hits + c.stale_hits + c.misses;
        const rate = lookups ? Math.round(((c.hits + c.stale_hits) / lookups) * 100) : 0;
        const lines = [
          `Docs cache: ${s.path}`,
          `Entries: ${s.entries} (${s.fresh} fresh, ${s.stale} stale, ${s.expired} expired), ${(s.bytes / 1024).toFixed(1)} KiB`,
          `Stored: oldest ${s.oldest ?? "-"}, newest ${s.newest ?? "-"}`,
          `Lookups: ${lookups}: ${c.hits} hits, ${c.stale_hits} stale hits, ${c.misses} misses (${rate}% answered from cache); ${c.refreshes} refreshes, ${c.refresh_errors} failed`,
          ...s.bySource.map((x) => `  ${x.source}: ${x.entries} entries`),
        ];
        process.stdout.write(`${lines.join("\n")}\n`);
      } finally {
        store.close();
      }
    });
  cache
    .command("clear")
    .description("Delete every cached answer and reset the counters")
    .option("--json", "print as JSON")
    .action((options: { json?: boolean }) => {
      const store = openProductDocsCache();
      try {
        const removed = store.clear();
        process.stdout.write(
          options.json ? `${JSON.stringify({ removed })}\n` : `Removed ${removed} cached answers.\n`,
        );
      } finally {
        store.close();
      }
    });
  return cache;
}
