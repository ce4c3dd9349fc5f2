/** The Gong sync in the web UI: a status line on the call list and the /gong page. */
import type { GongStatus } from "../../sources/gong/scheduler.js";
import { type Html, html } from "./html.js";
import { page } from "./layout.js";

interface RunCounts {
  found?: number;
  new?: number;
  updated?: number;
  skipped?: number;
  failed?: number;
}

function when(iso: string | null): string {
  return iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "–";
}

/** One line for the call list; null when Gong was never synced and no schedule runs. */
export function gongStatusLine(status: GongStatus): Html | null {
  if (!status.scheduled && !status.last_run.started) return null;
  const c = (status.last_run.summary ?? {}) as RunCounts;
  const last = status.last_run.started
    ? html`last run ${when(status.last_run.started)}${status.last_run.status === "failed" ? " (failed)" : c.found !== undefined ? `: ${c.new ?? 0} new, ${c.updated ?? 0} updated` : ""}`
    : "no run yet";
  return html`<p class="muted">Gong sync: ${status.running ? "running now; " : ""}${last}${status.next_run ? html`; next run ${when(status.next_run)}` : ""}. <a href="/gong">Details</a></p>`;
}

export function gongPage(status: GongStatus): string {
  const run = status.last_run;
  const c = (run.summary ?? {}) as RunCounts;
  const row = (label: string, value: unknown) =>
    html`<tr><th scope="row">${label}</th><td>${value === undefined || value === null ? "–" : String(value)}</td></tr>`;
  const body = html`<h1>Gong sync</h1>
<p>${
    status.scheduled
      ? `This server syncs calls from Gong every ${formatEvery(status.every_s ?? 0)}.`
      : "This server does not sync Gong on a schedule (start it with --gong-sync-every 15m, or run call-coach gong sync from cron)."
  }</p>
<table><caption>Sync status</caption><tbody>
${row("Running now", status.running ? "yes" : "no")}
${row("Last run started", when(run.started))}
${row("Last run finished", when(run.finished))}
${row("Last run result", run.status)}
${row("Next run", when(status.next_run))}
${row("Found", c.found)}${row("New", c.new)}${row("Updated", c.updated)}${row("Skipped", c.skipped)}${row("Failed", c.failed)}
${row("High-water mark", status.high_water_mark)}
${row("Calls stored from Gong", status.calls.stored)}
${row("Waiting for a transcript", status.calls.pending)}
</tbody></table>
${run.error ? html`<div class="error" role="alert"><strong>The last run failed.</strong> ${run.error}</div>` : ""}
${status.last_skipped ? html`<p class="muted">A scheduled run was skipped at ${when(status.last_skipped.at)}: ${status.last_skipped.reason}</p>` : ""}`;
  return page("Gong sync", "none", body);
}

function formatEvery(s: number): string {
  if (s % 3600 === 0) return `${s / 3600} h`;
  if (s % 60 === 0) return `${s / 60} min`;
  return `${s} s`;
}
