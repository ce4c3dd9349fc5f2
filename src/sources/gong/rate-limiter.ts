/**
 * Client-side request limit: at most `capacity` request starts in any window of `windowMs`.
 * A sliding window rather than a fixed spacing, so a sync that waits on analysis between pages
 * can still send a page of extensive + transcript requests back to back, while no one-second
 * window ever holds more than Gong's limit. A margin of a tenth of the window absorbs timer,
 * scheduling and network jitter: the server counts arrival times, and a first request that
 * arrives late while the next one arrives on time would otherwise look like one too many
 * (measured: with 25 ms, a loaded 2-core machine let the fake count 4 in one second).
 */
export interface RateLimiter {
  /** Resolves when one more request may start (and counts it). */
  acquire(): Promise<void>;
  /** Start times (epoch ms) still inside the window: what another process must respect. */
  recent(): number[];
  /** Counts requests another process made (their epoch-ms start times). */
  seed(times: number[]): void;
}

export function createRateLimiter(
  ratePerSecond: number,
  options: { marginMs?: number; now?: () => number; sleep?: (ms: number) => Promise<void> } = {},
): RateLimiter {
  // 3/s → 3 per 1000 ms; 0.5/s → 1 per 2000 ms; 2.5/s → 2 per 800 ms.
  const capacity = Math.max(1, Math.floor(ratePerSecond));
  const baseMs = (capacity * 1000) / ratePerSecond;
  const windowMs = baseMs + (options.marginMs ?? baseMs / 10);
  // Wall-clock time, so start times mean the same in the next process (a resumed run).
  const now = options.now ?? (() => Date.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const starts: number[] = [];
  let queue: Promise<void> = Promise.resolve();
  return {
    acquire() {
      // Callers are served in order: each waits for the one before it to get its slot.
      const turn = queue.then(async () => {
        for (;;) {
          const t = now();
          while (starts.length && t - starts[0]! >= windowMs) starts.shift();
          if (starts.length < capacity) {
            starts.push(t);
            return;
          }
          await sleep(Math.ceil(windowMs - (t - starts[0]!)));
        }
      });
      queue = turn.catch(() => {});
      return turn;
    },
    recent() {
      const t = now();
      return starts.filter((s) => t - s < windowMs);
    },
    seed(times) {
      const t = now();
      const merged = [...starts, ...times.filter((s) => t - s < windowMs && s <= t)].sort((a, b) => a - b);
      starts.splice(0, starts.length, ...merged.slice(-capacity));
    },
  };
}
