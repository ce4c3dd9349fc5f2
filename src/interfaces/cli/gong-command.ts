/** `call-coach gong sync [--since DATE] [--until DATE] [--dry-run] [--json]`: pull calls from the Gong API. */
import type { Command } from "commander";
import { loadConfig } from "../../config/env.js";
import { createProgress } from "./progress.js";

interface SyncCliOptions {
  since?: string;
  until?: string;
  dryRun?: boolean;
  json?: boolean;
}

export function registerGongCommand(program: Command): Command {
  const gong = program.command("gong").description("Read calls from Gong (API v2) into the call store");
  gong
    .command("sync")
    .description(
      "Fetch calls recorded since the last sync (or in --since/--until), analyze and store the new and changed ones",
    )
    .option(
      "--since <date>",
      "calls started on or after this date or date-time (default: since the last sync)",
    )
    .option("--until <date>", "calls started before this date or date-time (default: now)")
    .option("--dry-run", "list what would be stored; store nothing and keep the sync state as it is")
    .option("--json", "print the summary as JSON")
    .action(async (options: SyncCliOptions) => runSync(options));
  return gong;
}

async function runSync(options: SyncCliOptions): Promise<void> {
  // Configuration is checked before anything is opened: a bad setting is one line and exit 2.
  const { loadGongConfig } = await import("../../sources/gong/config.js");
  const { GongClient } = await import("../../sources/gong/client.js");
  const { syncGong, toIso } = await import("../../sources/gong/sync.js");
  const gongConfig = loadGongConfig();
  if (options.since) toIso(options.since, "--since");
  if (options.until) toIso(options.until, "--until");
  const { CallCoachService } = await import("../../service/call-service.js");
  const service = await CallCoachService.open(loadConfig());
  const progress = createProgress("gong sync");
  let total = 0;
  let done = 0;
  // Printed once the first page came back, so a refused key or a dead base URL is one line.
  let windowLine: string | null = null;
  // A dry run lists the calls it would store, before the summary.
  const wouldStore: string[] = [];
  try {
    const summary = await syncGong(service, new GongClient(gongConfig), {
      since: options.since ?? null,
      until: options.until ?? null,
      dryRun: options.dryRun ?? false,
      onEvent: (e) => {
        if (e.type === "window")
          windowLine = `gong sync: ${e.resumed ? "resuming an interrupted run, " : ""}calls started ${e.from ?? "any time"} to ${e.to ?? "now"}${options.dryRun ? " (dry run)" : ""}`;
        else if (e.type === "retry")
          progress.log(
            `gong sync: ${e.endpoint}: ${e.reason}, retrying in ${(e.waitMs / 1000).toFixed(1)} s (attempt ${e.attempt + 1})`,
          );
        else if (e.type === "restart")
          progress.log(`gong sync: ${e.reason}; reading the window from its start`);
        else if (e.type === "page") {
          if (windowLine) progress.log(windowLine);
          windowLine = null;
          total = Math.max(total, e.totalRecords ?? 0, done + e.calls);
        } else {
          done++;
          if (options.dryRun && (e.outcome === "new" || e.outcome === "updated"))
            wouldStore.push(`${e.outcome.padEnd(8)} ${e.gongId}  ${e.title}`);
          if (e.outcome === "failed")
            progress.log(`gong sync: call ${e.gongId} (${e.title}) failed: ${e.reason}`);
          progress.update(done, Math.max(total, done));
        }
      },
    });
    progress.stop();
    if (wouldStore.length && !options.json)
      process.stdout.write(`Would store:\n${wouldStore.map((l) => `  ${l}`).join("\n")}\n\n`);
    process.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSyncSummary(summary));
    if (summary.failed) process.exitCode = 1;
  } finally {
    progress.stop();
    await service.close();
  }
}

export function formatSyncSummary(s: import("../../sources/gong/sync.js").SyncSummary): string {
  const rows: [string, number, string][] = [
    ["found", s.found, `calls started ${s.window.from ?? "any time"} to ${s.window.to ?? "now"}`],
    ["new", s.new, s.dry_run ? "would be analyzed and stored" : "analyzed and stored"],
    [
      "updated",
      s.updated,
      s.dry_run ? "changed; would get a new analysis" : "changed transcript: new analysis version",
    ],
    [
      "skipped",
      s.skipped,
      `${s.skipped_unchanged} unchanged, ${s.skipped_no_transcript} without a transcript yet (picked up later)`,
    ],
    ["failed", s.failed, s.failed ? "tried again on the next run" : ""],
  ];
  const w = Math.max(...rows.map((r) => String(r[1]).length));
  const lines = rows.map(([k, n, note]) => `${k.padEnd(8)} ${String(n).padStart(w)}  ${note}`.trimEnd());
  const req = s.requests;
  lines.push(
    "",
    `${s.dry_run ? "Dry run: nothing stored. " : ""}${s.pages} page(s), ${req.total} Gong request(s) (${req.retries} retried, ${req.rate_limited} rate-limited) in ${(s.duration_ms / 1000).toFixed(1)} s.${s.resumed ? " Resumed an interrupted run." : ""}`,
  );
  if (!s.dry_run) lines.push(`High-water mark: ${s.high_water_mark ?? "none yet"}.`);
  for (const f of s.failures.slice(0, 20)) lines.push(`failed: ${f.gong_id} (${f.title}): ${f.reason}`);
  return `${lines.join("\n")}\n`;
}
