/**
 * What the Gong connector remembers between runs, in the call store's database (`calls.db`,
 * migration set "gong", so the call store's own schema and this one evolve independently):
 *
 * - `gong_calls`: every Gong call seen, by Gong call id, with the hash of the content stored
 *   for it (so an unchanged call is never analyzed or stored twice) and its state: stored,
 *   pending (no transcript yet), failed (will be tried again) or rejected (Gong's data could not
 *   be read; tried again only when it changes);
 * - `gong_sync_state` (one row): the high-water mark, the window and cursor of an unfinished
 *   run (so a killed run resumes at its last finished page), a lease so two syncs never run at
 *   once (the server's schedule and a cron job may overlap), and the last run's outcome.
 */
import { hostname } from "node:os";
import type { Db, Migration } from "./database.js";
import { migrate } from "./database.js";

export const GONG_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: "gong calls seen, sync state (high-water mark, resume cursor, lease, last run)",
    up: `
      CREATE TABLE gong_calls (
        gong_id TEXT PRIMARY KEY,
        -- the stored call (calls.id); null until a transcript was stored
        call_id TEXT,
        -- SHA-256 of the Gong document stored for this call (= calls.transcript_hash)
        content_hash TEXT,
        -- metaData.started as ISO-8601 UTC
        started_at TEXT,
        url TEXT,
        -- stored | pending | failed | rejected
        status TEXT NOT NULL,
        error TEXT,
        first_seen TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX gong_calls_status ON gong_calls(status, started_at);
      CREATE INDEX gong_calls_call ON gong_calls(call_id);

      CREATE TABLE gong_sync_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        high_water_mark TEXT,
        -- an unfinished run: its window, mode and the cursor of the next page to read
        resume_from TEXT,
        resume_to TEXT,
        resume_mode TEXT,
        resume_cursor TEXT,
        lock_owner TEXT,
        lock_until TEXT,
        last_run_started TEXT,
        last_run_finished TEXT,
        last_run_status TEXT,
        last_run_summary TEXT,
        last_error TEXT,
        -- start times (epoch ms) of the latest requests, so back-to-back runs share the rate limit
        recent_requests TEXT
      );
      INSERT INTO gong_sync_state (id) VALUES (1);
    `,
  },
];

export type GongCallStatus = "stored" | "pending" | "failed" | "rejected";

export interface GongCallRow {
  gong_id: string;
  call_id: string | null;
  content_hash: string | null;
  started_at: string | null;
  url: string | null;
  status: GongCallStatus;
  error: string | null;
}

export interface ResumePoint {
  from: string | null;
  to: string | null;
  mode: "incremental" | "window";
  cursor: string | null;
}

export interface GongRunRecord {
  started: string | null;
  finished: string | null;
  status: string | null;
  summary: unknown;
  error: string | null;
}

/** A lease holder: pid@host, so a lease left by a killed process on this machine can be taken over. */
export function leaseOwner(pid = process.pid): string {
  return `${pid}@${hostname()}`;
}

export class GongState {
  readonly db: Db;

  constructor(db: Db) {
    this.db = db;
    migrate(db, "gong", GONG_MIGRATIONS);
  }

  getCall(gongId: string): GongCallRow | undefined {
    return this.db
      .prepare(
        "SELECT gong_id, call_id, content_hash, started_at, url, status, error FROM gong_calls WHERE gong_id = ?",
      )
      .get(gongId) as GongCallRow | undefined;
  }

  /** The Gong link of a stored call, for pages that show where a call came from. */
  urlOfCall(callId: string): string | null {
    const row = this.db
      .prepare("SELECT url FROM gong_calls WHERE call_id = ? AND url IS NOT NULL LIMIT 1")
      .get(callId) as { url: string } | undefined;
    return row?.url ?? null;
  }

  recordCall(row: GongCallRow): void {
    const now = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO gong_calls (gong_id, call_id, content_hash, started_at, url, status, error, first_seen, updated_at)
         VALUES (@gong_id, @call_id, @content_hash, @started_at, @url, @status, @error, @now, @now)
         ON CONFLICT(gong_id) DO UPDATE SET
           call_id = COALESCE(excluded.call_id, gong_calls.call_id),
           content_hash = COALESCE(excluded.content_hash, gong_calls.content_hash),
           started_at = excluded.started_at, url = COALESCE(excluded.url, gong_calls.url),
           -- a stored call whose newer version failed keeps serving the stored one
           status = CASE WHEN gong_calls.status = 'stored' AND excluded.status IN ('failed', 'rejected', 'pending')
                         THEN 'stored' ELSE excluded.status END,
           error = excluded.error, updated_at = excluded.updated_at`,
      )
      .run({ ...row, now });
  }

  /**
   * The earliest call the high-water mark must not pass: pending or failed calls first seen
   * after `seenSince` (older ones have been waited for long enough and no longer hold it back).
   */
  earliestHolder(seenSince: string): string | null {
    const row = this.db
      .prepare(
        "SELECT MIN(started_at) AS s FROM gong_calls WHERE status IN ('pending', 'failed') AND first_seen >= ?",
      )
      .get(seenSince) as { s: string | null };
    return row.s;
  }

  /** Start times (epoch ms) of the latest requests to Gong, by any process: the rate limit spans runs. */
  recentRequests(): number[] {
    const v = this.row().recent_requests as string | null;
    try {
      return v ? (JSON.parse(v) as number[]).filter((n) => typeof n === "number") : [];
    } catch {
      return [];
    }
  }

  saveRecentRequests(times: number[]): void {
    this.db.prepare("UPDATE gong_sync_state SET recent_requests = ? WHERE id = 1").run(JSON.stringify(times));
  }

  counts(): Record<GongCallStatus, number> {
    const out: Record<GongCallStatus, number> = { stored: 0, pending: 0, failed: 0, rejected: 0 };
    const rows = this.db.prepare("SELECT status, COUNT(*) AS n FROM gong_calls GROUP BY status").all() as {
      status: GongCallStatus;
      n: number;
    }[];
    for (const r of rows) out[r.status] = r.n;
    return out;
  }

  highWaterMark(): string | null {
    return (this.row().high_water_mark as string | null) ?? null;
  }

  setHighWaterMark(value: string | null): void {
    this.db.prepare("UPDATE gong_sync_state SET high_water_mark = ? WHERE id = 1").run(value);
  }

  resumePoint(): ResumePoint | null {
    const r = this.row();
    if (!r.resume_mode) return null;
    return {
      from: r.resume_from as string | null,
      to: r.resume_to as string | null,
      mode: r.resume_mode as ResumePoint["mode"],
      cursor: r.resume_cursor as string | null,
    };
  }

  saveResumePoint(p: ResumePoint | null): void {
    this.db
      .prepare(
        "UPDATE gong_sync_state SET resume_from = ?, resume_to = ?, resume_mode = ?, resume_cursor = ? WHERE id = 1",
      )
      .run(p?.from ?? null, p?.to ?? null, p?.mode ?? null, p?.cursor ?? null);
  }

  /**
   * Takes the sync lease for `ttlMs` (renewed while the run makes progress). Fails when another
   * live holder has it: its lease has not expired and, on this machine, its process still runs.
   */
  tryLock(owner: string, ttlMs: number, now = new Date()): { ok: true } | { ok: false; holder: string } {
    return this.db
      .transaction(() => {
        const r = this.row();
        const holder = r.lock_owner as string | null;
        const until = r.lock_until as string | null;
        if (holder && holder !== owner && until && until > now.toISOString() && isAlive(holder))
          return { ok: false as const, holder };
        this.db
          .prepare("UPDATE gong_sync_state SET lock_owner = ?, lock_until = ? WHERE id = 1")
          .run(owner, new Date(now.getTime() + ttlMs).toISOString());
        return { ok: true as const };
      })
      .immediate();
  }

  /** Who holds the sync lease now (a live holder whose lease has not expired), if anyone. */
  lockHolder(now = new Date()): string | null {
    const r = this.row();
    const holder = r.lock_owner as string | null;
    const until = r.lock_until as string | null;
    return holder && until && until > now.toISOString() && isAlive(holder) ? holder : null;
  }

  renewLock(owner: string, ttlMs: number): void {
    this.db
      .prepare("UPDATE gong_sync_state SET lock_until = ? WHERE id = 1 AND lock_owner = ?")
      .run(new Date(Date.now() + ttlMs).toISOString(), owner);
  }

  unlock(owner: string): void {
    this.db
      .prepare(
        "UPDATE gong_sync_state SET lock_owner = NULL, lock_until = NULL WHERE id = 1 AND lock_owner = ?",
      )
      .run(owner);
  }

  startRun(at: string): void {
    this.db
      .prepare(
        "UPDATE gong_sync_state SET last_run_started = ?, last_run_finished = NULL, last_run_status = 'running', last_error = NULL WHERE id = 1",
      )
      .run(at);
  }

  finishRun(status: "ok" | "partial" | "failed", summary: unknown, error: string | null): void {
    this.db
      .prepare(
        "UPDATE gong_sync_state SET last_run_finished = ?, last_run_status = ?, last_run_summary = ?, last_error = ? WHERE id = 1",
      )
      .run(new Date().toISOString(), status, JSON.stringify(summary), error);
  }

  lastRun(): GongRunRecord {
    const r = this.row();
    return {
      started: (r.last_run_started as string | null) ?? null,
      finished: (r.last_run_finished as string | null) ?? null,
      status: (r.last_run_status as string | null) ?? null,
      summary: r.last_run_summary ? JSON.parse(r.last_run_summary as string) : null,
      error: (r.last_error as string | null) ?? null,
    };
  }

  private row(): Record<string, unknown> {
    return this.db.prepare("SELECT * FROM gong_sync_state WHERE id = 1").get() as Record<string, unknown>;
  }
}

/** A holder on another machine is trusted until its lease expires; here, a dead pid frees it. */
function isAlive(owner: string): boolean {
  const [pid, host] = owner.split("@");
  if (host !== hostname()) return true;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
