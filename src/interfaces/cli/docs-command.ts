/** `call-coach docs sync|search|status`: the local knowledge base. */
import type { Command } from "commander";
import { loadConfig } from "../../config/env.js";
import { UsageError } from "../../errors.js";
import { type KnowledgeBase, openKnowledgeBase } from "../../knowledge/local/knowledge-base.js";
import { syncFromDirectory } from "../../knowledge/local/sync-dir.js";
import type { SyncSummary } from "../../knowledge/local/sync-types.js";
import { syncFromUrl } from "../../knowledge/local/sync-url.js";
import { ensurePackIndexed } from "../../knowledge/pack/pack-index.js";
import { toSearchResult } from "../../model/knowledge.js";
import { productHome, productProfile } from "../../product/default.js";
import type { ProductProfile } from "../../product/profile.js";
import { createProgress } from "./progress.js";

export function registerDocsCommand(program: Command): Command {
  const docs = program
    .command("docs")
    .description("Manage and search the local documentation knowledge base");

  docs
    .command("sync")
    .description("Sync documentation into the local knowledge base (incremental)")
    .option("--from-dir <dir>", "a directory of Markdown/MDX pages")
    .option(
      "--base-url <url>",
      "public URL of the directory's root (with --from-dir; default: the product's docs URL)",
    )
    .option("--from-url <url>", "an llms.txt index or an llms-full.txt file")
    .option("--concurrency <n>", "parallel page downloads (with --from-url)", "8")
    .option("--json", "print the sync summary as JSON")
    .action(
      async (options: {
        fromDir?: string;
        baseUrl?: string;
        fromUrl?: string;
        concurrency: string;
        json?: boolean;
      }) => {
        if (Boolean(options.fromDir) === Boolean(options.fromUrl)) {
          throw new UsageError("docs sync needs exactly one of --from-dir DIR or --from-url URL");
        }
        const concurrency = Number(options.concurrency);
        if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
          throw new UsageError(`--concurrency must be an integer from 1 to 64, got "${options.concurrency}"`);
        }
        const { kb, profile } = await openProductKnowledgeBase();
        const progress = createProgress("docs sync");
        try {
          const summary = options.fromDir
            ? await syncFromDirectory(kb, {
                dir: options.fromDir,
                // Pages are cited under the product's public docs root unless told otherwise.
                baseUrl: options.baseUrl ?? profile.docsBaseUrl,
                onProgress: (d, t) => progress.update(d, t),
              })
            : await syncFromUrl(kb, {
                url: options.fromUrl!,
                concurrency,
                onProgress: (d, t) => progress.update(d, t),
                log: (line) => progress.log(line),
              });
          progress.stop();
          process.stdout.write(
            options.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary),
          );
          if (summary.failed.length) process.exitCode = 1;
        } finally {
          progress.stop();
          kb.close();
        }
      },
    );

  docs
    .command("search")
    .description("Search the local knowledge base")
    .argument("<query>", "search terms")
    .option("-k, --top <n>", "number of results", "5")
    .option("--json", "print results as JSON")
    .action(async (query: string, options: { top: string; json?: boolean }) => {
      const topK = Number(options.top);
      if (!Number.isInteger(topK) || topK < 1 || topK > 50)
        throw new UsageError(`--top must be 1 to 50, got "${options.top}"`);
      const { kb } = await openProductKnowledgeBase();
      try {
        const hits = kb.search(query, { topK }).map(toSearchResult);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(hits, null, 2)}\n`);
          return;
        }
        if (!hits.length) process.stdout.write("No results.\n");
        hits.forEach((h, i) => {
          process.stdout.write(
            `${i + 1}. ${h.title}${h.section ? ` › ${h.section}` : ""}\n   ${h.url}\n   ${h.snippet}\n\n`,
          );
        });
      } finally {
        kb.close();
      }
    });

  docs
    .command("status")
    .description("Show what the local knowledge base holds and how fresh it is")
    .option("--json", "print status as JSON")
    .action(async (options: { json?: boolean }) => {
      const { kb } = await openProductKnowledgeBase();
      try {
        const s = kb.status();
        if (options.json) {
          process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
          return;
        }
        const lines = [
          `Knowledge base: ${s.path}`,
          `Pages: ${s.pages}  Chunks: ${s.chunks}`,
          `Oldest sync: ${s.oldestSync ?? "never"}  Newest sync: ${s.newestSync ?? "never"}`,
          s.staleDays === null
            ? "Docs: none synced yet (only the bundled pack); run `call-coach docs sync`."
            : `Docs staleness: ${s.staleDays} days since the oldest page was synced${s.staleDays > 7 ? " (stale: re-sync)" : ""}`,
          "Sources:",
          ...s.sources.map(
            (x) =>
              `  ${x.source.padEnd(5)} ${String(x.pages).padStart(5)} pages  ${x.origin}  (synced ${x.newest})`,
          ),
        ];
        process.stdout.write(`${lines.join("\n")}\n`);
      } finally {
        kb.close();
      }
    });
  return docs;
}

/** The chosen product's knowledge base (each product has its own), with its pack indexed. */
async function openProductKnowledgeBase(): Promise<{ kb: KnowledgeBase; profile: ProductProfile }> {
  const config = loadConfig();
  const profile = productProfile(config.productDir);
  const kb = openKnowledgeBase(productHome(config.home, profile));
  try {
    if (profile.packDir) await ensurePackIndexed(kb, profile.packDir);
  } catch (err) {
    kb.close();
    throw err;
  }
  return { kb, profile };
}

export function formatSummary(s: SyncSummary): string {
  const lines = [
    `Synced ${s.origin} in ${(s.duration_ms / 1000).toFixed(1)} s: ${s.added} added, ${s.updated} updated, ${s.unchanged} unchanged, ${s.removed} removed, ${s.skipped.length} skipped, ${s.failed.length} failed (${s.chunks} chunks written).`,
    ...s.skipped.map((x) => `  skipped ${x.page}: ${x.reason}`),
    ...s.failed.map((x) => `  failed  ${x.page}: ${x.reason}`),
  ];
  return `${lines.join("\n")}\n`;
}
