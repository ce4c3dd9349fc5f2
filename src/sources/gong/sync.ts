/**
 * `gong sync`: reads the calls Gong recorded in a window, page by page, and stores each new or
 * changed one through the same ingest as uploads (CallCoachService.ingest).
 *
 * The window. With --since/--until it is what the user asked. Otherwise it starts at the
 * high-water mark (the `started` of the last call stored) and ends now; the first run ever
 * looks back FIRST_RUN_DAYS. `fromDateTime` is inclusive, so the call at the mark is listed
 * again and recognised by its id; nothing started after the mark is missed even when two calls
 * share its second.
 *
 * Calls without a transcript yet are recorded as pending and hold the mark back: a later run
 * starts at the earliest pending call, so it is listed and picked up once Gong has transcribed
 * it. A call that failed for a reason other than its content holds the mark the same way. Both
 * stop holding it after TRANSCRIPT_WAIT_DAYS, so one call that never gets a transcript (a
 * recording that failed) cannot pin the window forever.
 *
 * Resuming. The window and the cursor of the next page are saved after each page is done; a
 * killed run resumes there (the page it died in is read again, and the calls it had stored are
 * recognised by id and content hash). Only a finished run moves the high-water mark, since
 * Gong does not promise pages in `started` order.
 */
import { CallCoachError, InputError } from "../../errors.js";
import type { CallCoachService } from "../../service/call-service.js";
import { GongState, leaseOwner } from "../../storage/gong-state.js";
import { GongApiError, type GongCallRecord, type GongClient, type Page } from "./client.js";
import { callDocument, callUrl, gongCallId, hasTranscript, normalizeStarted } from "./documents.js";

export const FIRST_RUN_DAYS = 30;
export const TRANSCRIPT_WAIT_DAYS = 7;
const LEASE_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

export class GongSyncBusyError extends CallCoachError {
  readonly code = "gong_sync_busy";
  constructor(holder: string) {
    super(`another Gong sync is running (${holder}); try again when it has finished`);
    this.name = "GongSyncBusyError";
  }
}

export interface SyncOptions {
  /** ISO date or date-time; with it the window is explicit and every transcript in it is compared. */
  since?: string | null;
  until?: string | null;
  dryRun?: boolean;
  onEvent?: (event: SyncEvent) => void;
  now?: () => Date;
}

export type SyncEvent =
  | { type: "window"; from: string | null; to: string | null; resumed: boolean }
  | { type: "page"; page: number; calls: number; totalRecords: number | null }
  | { type: "call"; gongId: string; title: string; outcome: CallOutcome; reason?: string }
  | { type: "retry"; endpoint: string; reason: string; waitMs: number; attempt: number }
  | { type: "restart"; reason: string };

export type CallOutcome = "new" | "updated" | "unchanged" | "pending" | "failed";

export interface SyncSummary {
  window: { from: string | null; to: string | null };
  resumed: boolean;
  dry_run: boolean;
  pages: number;
  found: number;
  new: number;
  updated: number;
  skipped: number;
  skipped_unchanged: number;
  skipped_no_transcript: number;
  failed: number;
  failures: { gong_id: string; title: string; reason: string }[];
  requests: { total: number; retries: number; rate_limited: number };
  high_water_mark: string | null;
  duration_ms: number;
}

export async function syncGong(
  service: CallCoachService,
  client: GongClient,
  options: SyncOptions = {},
): Promise<SyncSummary> {
  const state = new GongState(service.store.db);
  const now = options.now ?? (() => new Date());
  const dryRun = options.dryRun ?? false;
  const owner = leaseOwner();
  if (!dryRun) {
    const lock = state.tryLock(owner, LEASE_MS);
    if (!lock.ok) throw new GongSyncBusyError(lock.holder);
  }
  const startedAt = performance.now();
  const requestsBefore = { ...client.stats };
  const summary: SyncSummary = {
    window: { from: null, to: null },
    resumed: false,
    dry_run: dryRun,
    pages: 0,
    found: 0,
    new: 0,
    updated: 0,
    skipped: 0,
    skipped_unchanged: 0,
    skipped_no_transcript: 0,
    failed: 0,
    failures: [],
    requests: { total: 0, retries: 0, rate_limited: 0 },
    high_water_mark: state.highWaterMark(),
    duration_ms: 0,
  };
  const finishStats = () => {
    summary.requests = {
      total: client.stats.requests - requestsBefore.requests,
      retries: client.stats.retries - requestsBefore.retries,
      rate_limited: client.stats.rateLimited - requestsBefore.rateLimited,
    };
    summary.skipped = summary.skipped_unchanged + summary.skipped_no_transcript;
    summary.duration_ms = Math.round(performance.now() - startedAt);
  };
  if (!dryRun) state.startRun(now().toISOString());
  // The limit is Gong's, per company: requests of the previous run (maybe killed a moment ago)
  // still count against it.
  client.limiter.seed(state.recentRequests());
  client.onRequest = () => state.saveRecentRequests(client.limiter.recent());
  client.onRetry = (r) => options.onEvent?.({ type: "retry", ...r });
  try {
    const plan = planWindow(state, options, now());
    summary.window = { from: plan.from, to: plan.to };
    summary.resumed = plan.resumed;
    options.onEvent?.({ type: "window", from: plan.from, to: plan.to, resumed: plan.resumed });
    let cursor = dryRun ? null : plan.cursor;
    let maxStarted: string | null = null;
    for (;;) {
      if (!dryRun) state.saveResumePoint({ from: plan.from, to: plan.to, mode: plan.mode, cursor });
      const page = await listPage(client, plan, cursor, summary.pages === 0, options);
      summary.pages++;
      summary.found += page.items.length;
      options.onEvent?.({
        type: "page",
        page: summary.pages,
        calls: page.items.length,
        totalRecords: page.totalRecords,
      });
      const seen = await processPage(service, client, state, page.items, plan.mode, dryRun, summary, options);
      for (const s of seen) if (maxStarted === null || s > maxStarted) maxStarted = s;
      if (!dryRun) state.renewLock(owner, LEASE_MS);
      if (!page.cursor) break;
      cursor = page.cursor;
    }
    if (!dryRun) {
      state.saveResumePoint(null);
      summary.high_water_mark = nextHighWaterMark(state, plan, maxStarted, now());
      state.setHighWaterMark(summary.high_water_mark);
    }
    finishStats();
    if (!dryRun) state.finishRun(summary.failed ? "partial" : "ok", summary, null);
    return summary;
  } catch (err) {
    finishStats();
    // The resume point stays: the next run continues at the last finished page.
    if (!dryRun) state.finishRun("failed", summary, err instanceof Error ? err.message : String(err));
    throw err;
  } finally {
    client.onRequest = null;
    client.onRetry = null;
    if (!dryRun) state.unlock(owner);
  }
}

/**
 * One page of the window. A saved cursor Gong no longer accepts (HTTP 400: cursors of an
 * interrupted run may expire) restarts the window from its first page; the calls stored before
 * the interruption are recognised, so this costs requests, not analyses.
 */
async function listPage(
  client: GongClient,
  plan: WindowPlan,
  cursor: string | null,
  first: boolean,
  options: SyncOptions,
): Promise<Page<GongCallRecord>> {
  const window = { fromDateTime: plan.from, toDateTime: plan.to };
  try {
    return await client.listCalls(window, cursor);
  } catch (err) {
    if (!(first && plan.resumed && cursor && err instanceof GongApiError && err.status === 400)) throw err;
    options.onEvent?.({ type: "restart", reason: "Gong no longer accepts the saved cursor" });
    return client.listCalls(window, null);
  }
}

interface WindowPlan {
  from: string | null;
  to: string | null;
  mode: "incremental" | "window";
  cursor: string | null;
  resumed: boolean;
}

function planWindow(state: GongState, options: SyncOptions, now: Date): WindowPlan {
  const explicit = options.since != null || options.until != null;
  const from = options.since ? toIso(options.since, "--since") : null;
  const to = options.until ? toIso(options.until, "--until") : null;
  if (from && to && from >= to) throw new InputError(`--since (${from}) must be before --until (${to})`);
  const resume = state.resumePoint();
  // An unfinished run resumes when this run asks for nothing else (or for the same window).
  if (resume && (!explicit || (resume.mode === "window" && resume.from === from && resume.to === to)))
    return { ...resume, resumed: true };
  if (explicit) return { from, to, mode: "window", cursor: null, resumed: false };
  const mark = state.highWaterMark();
  const holder = state.earliestHolder(waitedSince(now));
  let start = mark ?? new Date(now.getTime() - FIRST_RUN_DAYS * DAY_MS).toISOString();
  if (holder && holder < start) start = holder;
  return { from: start, to: now.toISOString(), mode: "incremental", cursor: null, resumed: false };
}

/**
 * After a finished run: the latest `started` stored, but never past a call still waiting for its
 * transcript (or a retryable failure), and never backwards unless such a call is behind it.
 * An explicit window that starts after the mark leaves it alone: the calls between were not read.
 */
function nextHighWaterMark(
  state: GongState,
  plan: WindowPlan,
  maxStarted: string | null,
  now: Date,
): string | null {
  const mark = state.highWaterMark();
  if (plan.mode === "window" && mark && plan.from && plan.from > mark) return mark;
  let next = mark;
  if (maxStarted && (!next || maxStarted > next)) next = maxStarted;
  const holder = state.earliestHolder(waitedSince(now));
  if (holder && (!next || holder < next)) next = holder;
  return next;
}

/** Stores the page's calls; returns the `started` of the calls now stored (or unchanged). */
async function processPage(
  service: CallCoachService,
  client: GongClient,
  state: GongState,
  records: GongCallRecord[],
  mode: "incremental" | "window",
  dryRun: boolean,
  summary: SyncSummary,
  options: SyncOptions,
): Promise<string[]> {
  const seen: string[] = [];
  const emit = (gongId: string, title: string, outcome: CallOutcome, reason?: string) =>
    options.onEvent?.({ type: "call", gongId, title, outcome, ...(reason ? { reason } : {}) });
  const valid = records.filter((r) => r?.metaData?.id != null);
  // Incremental runs trust what they stored: a known call is not fetched again (an explicit
  // window compares every transcript, which is how a re-transcribed call is found).
  const wanted = valid.filter((r) => {
    if (mode === "window") return true;
    const known = state.getCall(gongCallId(r));
    return !(known?.status === "stored" || known?.status === "rejected");
  });
  for (const r of valid) {
    if (wanted.includes(r)) continue;
    summary.skipped_unchanged++;
    const started = normalizeStarted(r.metaData.started);
    if (started) seen.push(started);
    emit(gongCallId(r), titleOf(r), "unchanged");
  }
  const transcripts = await client.getTranscripts(wanted.map(gongCallId));
  for (const record of wanted) {
    // Analysis is synchronous work behind resolved promises: without a turn of the event loop
    // between calls, a page of 100 would hold off the server's HTTP requests (serve
    // --gong-sync-every) and the socket events of the idle Gong connection (which Gong may
    // close meanwhile) until the page is done.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const gongId = gongCallId(record);
    const title = titleOf(record);
    const started = normalizeStarted(record.metaData.started);
    const url = callUrl(record);
    const known = state.getCall(gongId);
    const ct = transcripts.get(gongId);
    if (!hasTranscript(ct)) {
      summary.skipped_no_transcript++;
      if (!dryRun && known?.status !== "stored")
        state.recordCall({
          gong_id: gongId,
          call_id: null,
          content_hash: null,
          started_at: started,
          url,
          status: "pending",
          error: null,
        });
      emit(gongId, title, "pending", "no transcript yet");
      continue;
    }
    const doc = callDocument(record, ct);
    if (known && known.content_hash === doc.hash && known.status !== "failed") {
      summary.skipped_unchanged++;
      if (started) seen.push(started);
      emit(gongId, title, "unchanged");
      continue;
    }
    const outcome: CallOutcome = known?.status === "stored" ? "updated" : "new";
    if (dryRun) {
      summary[outcome]++;
      emit(gongId, title, outcome);
      continue;
    }
    try {
      const result = await service.ingest({ transcript: doc.bytes, fileName: `gong-${gongId}.json` });
      state.recordCall({
        gong_id: gongId,
        call_id: result.callId,
        content_hash: doc.hash,
        started_at: started,
        url,
        status: "stored",
        error: null,
      });
      summary[outcome]++;
      if (started) seen.push(started);
      emit(gongId, title, outcome);
    } catch (err) {
      // Bad content is not retried until it changes; anything else (storage, knowledge) is.
      const rejected = err instanceof InputError;
      const reason = err instanceof Error ? err.message : String(err);
      state.recordCall({
        gong_id: gongId,
        call_id: null,
        content_hash: rejected ? doc.hash : null,
        started_at: started,
        url,
        status: rejected ? "rejected" : "failed",
        error: reason,
      });
      summary.failed++;
      summary.failures.push({ gong_id: gongId, title, reason });
      emit(gongId, title, "failed", reason);
    }
  }
  return seen;
}

/** Calls first seen before this have waited TRANSCRIPT_WAIT_DAYS and no longer hold the mark. */
function waitedSince(now: Date): string {
  return new Date(now.getTime() - TRANSCRIPT_WAIT_DAYS * DAY_MS).toISOString();
}

function titleOf(r: GongCallRecord): string {
  const t = r.metaData.title;
  return typeof t === "string" && t.trim() ? t.trim() : `Gong call ${gongCallId(r)}`;
}

/** A date (midnight UTC) or a date-time, as ISO-8601 UTC for Gong's filter. */
export function toIso(value: string, flag: string): string {
  const v = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(v))
    throw new InputError(`${flag} must be a date like 2026-01-31 or a date-time like 2026-01-31T09:00:00Z`, {
      field: flag,
    });
  const t = Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v);
  if (Number.isNaN(t)) throw new InputError(`${flag} is not a valid date: "${v}"`, { field: flag });
  return new Date(t).toISOString();
}
