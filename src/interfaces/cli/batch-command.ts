/**
 * `call-coach analyze DIR|GLOB|FILE… --store`: batch analysis into the call store. Hooked into
 * the single-file `analyze` command: `--store` comes here; one file, or two (a Gong export split
 * into its two API responses), without it keep the single-call behaviour untouched.
 */
import { stat } from "node:fs/promises";
import { relative } from "node:path";
import type { Command } from "commander";
import { loadCompetitorList } from "../../analyze/competitors.js";
import { loadConfig } from "../../config/env.js";
import { UsageError } from "../../errors.js";
import { productProfile } from "../../product/default.js";
import type { BatchItem, BatchSummary } from "../../service/batch.js";
import type { AnalyzeOptions } from "./analyze-command.js";
import { splitNames } from "./options.js";
import { createProgress } from "./progress.js";

const DEFAULT_CONCURRENCY = 4;

export function addBatchOptions(command: Command): Command {
  return command
    .option(
      "--store",
      "store the call and its report under CALL_COACH_HOME (batch mode; FILE may be a directory or glob)",
    )
    .option("--concurrency <n>", `calls analyzed in parallel in batch mode (default ${DEFAULT_CONCURRENCY})`)
    .allowExcessArguments(true);
}

/** The options of `analyze`, which batch mode shares, plus its own. */
interface BatchCliOptions extends Omit<AnalyzeOptions, "callId"> {
  store?: boolean;
  concurrency?: string;
}

/** Runs the batch when the arguments ask for one; false leaves the single-file command to run. */
export async function runBatchIfRequested(command: Command): Promise<boolean> {
  const targets = command.args;
  const options = command.opts<BatchCliOptions>();
  if (!(await isBatchRequest(targets, options))) return false;
  await runBatchCommand(targets, options);
  return true;
}

/**
 * Batch mode is `--store`. A directory, a glob or more than two files without it is refused with
 * the fix, rather than analyzed into a store the user did not ask for.
 */
async function isBatchRequest(targets: string[], options: BatchCliOptions): Promise<boolean> {
  if (options.store) return true;
  const hint = "batch analysis stores its reports: add --store";
  if (targets.length > 2) throw new UsageError(`${targets.length} files given; ${hint}`);
  const target = targets[0] ?? "";
  const info = await stat(target).catch(() => null);
  if (info?.isDirectory() && targets.length === 1)
    throw new UsageError(`${target} is a directory; to analyze every transcript in it, ${hint}`);
  if (!info && /[*?[\]{}]/.test(target)) throw new UsageError(`${target} is a glob pattern; ${hint}`);
  return false;
}

async function runBatchCommand(targets: string[], options: BatchCliOptions): Promise<void> {
  for (const flag of ["markdown", "html", "out"] as const) {
    if (options[flag])
      throw new UsageError(
        `--${flag} works with one file; batch reports are stored (read them with \`call-coach serve\` or the API)`,
      );
  }
  const concurrency = Number(options.concurrency ?? DEFAULT_CONCURRENCY);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32)
    throw new UsageError(`--concurrency must be an integer from 1 to 32, got "${options.concurrency}"`);
  // The service (call store, insights) is loaded only for a batch, not for every `analyze`.
  const { collectTranscriptFiles, runBatch } = await import("../../service/batch.js");
  const { openServingService } = await import("./serving.js");
  const files = await collectTranscriptFiles(targets);
  if (!files.length) throw new UsageError(`no transcript files match ${targets.join(" ")}`);
  const internal = splitNames(options.internal);
  const config = loadConfig();
  // The list extends (include_defaults) or replaces the product profile's competitors.
  const competitors = options.competitors
    ? await loadCompetitorList(options.competitors, productProfile(config.productDir).competitors)
    : undefined;
  // Analyses run in the worker pool (CALL_COACH_WORKERS threads): a batch uses every core.
  const service = await openServingService(config, competitors ? { competitors } : {});
  const progress = createProgress("analyze");
  let summary: BatchSummary;
  try {
    summary = await runBatch(service, files, {
      concurrency,
      internal,
      onItem: (_item, done, total) => progress.update(done, total),
    });
  } finally {
    progress.stop();
    await service.close();
  }
  process.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : formatBatchSummary(summary));
  // Warnings go to stderr like the single-file command's, so a batch without --internal says so.
  for (const item of summary.items)
    for (const warning of item.warnings)
      process.stderr.write(`call-coach: warning: ${displayPath(item, process.cwd())}: ${warning}\n`);
  if (summary.failed) {
    for (const item of summary.items.filter((i) => i.status === "failed"))
      process.stderr.write(`call-coach: ${item.error}\n`);
    process.exitCode = 1;
  }
}

export function formatBatchSummary(summary: BatchSummary, cwd = process.cwd()): string {
  const rows = summary.items.map((i) => [
    i.status === "cached" ? "skipped" : i.status,
    i.call_id ?? "-",
    i.status === "failed" ? "-" : String(i.claims),
    i.status === "failed" ? "-" : String(i.contradicted),
    i.status === "failed" ? "-" : String(i.objections),
    i.status === "failed" ? "-" : String(i.competitors),
    displayPath(i, cwd),
  ]);
  const header = ["status", "call", "claims", "wrong", "objections", "competitors", "file"];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c >= 2 && c <= 5 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join("  ")
      .trimEnd();
  const out = [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
  out.push(
    "",
    `${summary.total} files in ${(summary.duration_ms / 1000).toFixed(1)} s: ${summary.analyzed} analyzed, ${summary.cached} skipped (already analyzed with the same knowledge), ${summary.failed} failed.`,
  );
  return `${out.join("\n")}\n`;
}

function displayPath(item: BatchItem, cwd: string): string {
  const rel = relative(cwd, item.file);
  return rel.startsWith("..") ? item.file : rel;
}
