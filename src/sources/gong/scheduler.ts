/**
 * `serve --gong-sync-every 15m`: the sync on a timer inside the server process. One run at a
 * time: the next run is scheduled only when the current one has finished (a slow run delays the
 * next instead of overlapping it), and the lease in the database keeps a cron-started
 * `gong sync` and the server from running together.
 */
import { UsageError } from "../../errors.js";
import { redactSecrets } from "../../security/redact.js";
import type { CallCoachService } from "../../service/call-service.js";
import { type GongCallStatus, type GongRunRecord, GongState } from "../../storage/gong-state.js";
import { GongClient } from "./client.js";
import type { GongConfig } from "./config.js";
import { type SyncSummary, syncGong } from "./sync.js";

/** "15m", "30s", "1h", "500ms" → milliseconds; at least one second. */
export function parseInterval(value: string, flag = "--gong-sync-every"): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)\s*$/i.exec(value);
  const ms = m ? Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2]!.toLowerCase() as "s"] : NaN;
  if (!Number.isFinite(ms) || ms < 1000)
    throw new UsageError(`${flag} must be an interval of at least 1s, like 15m, 1h or 30s; got "${value}"`);
  return ms;
}

export interface GongStatus {
  /** Whether this server runs the sync on a schedule. */
  scheduled: boolean;
  every_s: number | null;
  running: boolean;
  next_run: string | null;
  /** The last run by anyone (this server, `gong sync` from cron). */
  last_run: GongRunRecord;
  /** A scheduled run that could not start (another sync held the lease). */
  last_skipped: { at: string; reason: string } | null;
  high_water_mark: string | null;
  calls: Record<GongCallStatus, number>;
}

export class GongScheduler {
  readonly everyMs: number;
  private readonly service: CallCoachService;
  private readonly client: GongClient;
  private readonly log: (line: string) => void;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SyncSummary | null> | null = null;
  private nextRun: Date | null = null;
  private lastSkipped: { at: string; reason: string } | null = null;
  private stopped = false;

  constructor(
    service: CallCoachService,
    config: GongConfig,
    everyMs: number,
    log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
  ) {
    this.service = service;
    this.client = new GongClient(config);
    this.everyMs = everyMs;
    this.log = log;
  }

  /** The first run starts at once; each next one `everyMs` after the previous finished. */
  start(): void {
    this.schedule(0);
  }

  /** Starts a run now unless one is running (then returns that one). */
  runNow(): Promise<SyncSummary | null> {
    if (this.running) return this.running;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextRun = null;
    const run = this.runOnce().finally(() => {
      this.running = null;
      if (!this.stopped) this.schedule(this.everyMs);
    });
    this.running = run;
    return run;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextRun = null;
    await this.running?.catch(() => null);
  }

  status(): GongStatus {
    const stored = readGongStatus(this.service);
    return {
      ...stored,
      scheduled: true,
      every_s: this.everyMs / 1000,
      // This server's run, or another process's (a cron `gong sync`) holding the lease.
      running: this.running !== null || stored.running,
      next_run: this.nextRun?.toISOString() ?? null,
      last_skipped: this.lastSkipped,
    };
  }

  private schedule(delayMs: number): void {
    this.nextRun = new Date(Date.now() + delayMs);
    this.timer = setTimeout(() => void this.runNow(), delayMs);
    this.timer.unref();
  }

  private async runOnce(): Promise<SyncSummary | null> {
    try {
      const s = await syncGong(this.service, this.client);
      this.log(
        `call-coach gong: sync done: ${s.found} found, ${s.new} new, ${s.updated} updated, ${s.skipped} skipped, ${s.failed} failed`,
      );
      return s;
    } catch (err) {
      const message = redactSecrets(err instanceof Error ? err.message : String(err));
      if ((err as { code?: string }).code === "gong_sync_busy")
        this.lastSkipped = { at: new Date().toISOString(), reason: message };
      this.log(`call-coach gong: sync failed: ${message}`);
      return null;
    }
  }
}

/** What the database says about syncing, whether or not this process schedules it. */
export function readGongStatus(service: CallCoachService): GongStatus {
  const state = new GongState(service.store.db);
  return {
    scheduled: false,
    every_s: null,
    running: state.lockHolder() !== null,
    next_run: null,
    last_run: state.lastRun(),
    last_skipped: null,
    high_water_mark: state.highWaterMark(),
    calls: state.counts(),
  };
}
