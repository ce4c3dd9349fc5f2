/**
 * A circuit breaker for one remote server. After a hard failure (the server is unreachable, timed
 * out, or its connection dropped) or `failureThreshold` soft failures in a row (tool errors,
 * malformed results), calls fail fast for a cool-down instead of each waiting for its own timeout.
 * When the cool-down ends one probe call is let through; its outcome closes or re-opens the
 * circuit. The cool-down doubles with every consecutive opening (up to `maxCooldownMs`): that
 * is the reconnect back-off.
 */

export type BreakerState = "closed" | "open" | "half-open";

export interface BreakerOptions {
  failureThreshold?: number;
  cooldownMs?: number;
  maxCooldownMs?: number;
  now?: () => number;
}

export class CircuitBreaker {
  private failures = 0;
  private openings = 0;
  private openUntil = 0;
  private probing = false;
  private lastReason: string | null = null;
  private readonly threshold: number;
  private readonly cooldownMs: number;
  private readonly maxCooldownMs: number;
  private readonly now: () => number;

  constructor(options: BreakerOptions = {}) {
    this.threshold = options.failureThreshold ?? 3;
    this.cooldownMs = options.cooldownMs ?? 5_000;
    this.maxCooldownMs = options.maxCooldownMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  get state(): BreakerState {
    if (this.openings === 0 || this.failures === 0) return "closed";
    return this.now() < this.openUntil ? "open" : "half-open";
  }

  /** Why the circuit opened last, for error messages. */
  get reason(): string | null {
    return this.lastReason;
  }

  /** Milliseconds until a probe is allowed (0 when calls may go through). */
  retryInMs(): number {
    return this.state === "open" ? Math.max(0, this.openUntil - this.now()) : 0;
  }

  /**
   * Whether a call may go through now. In half-open state only one probe is let through until it
   * reports back; everything else fails fast meanwhile.
   */
  tryAcquire(): { allowed: boolean; probe: boolean } {
    const state = this.state;
    if (state === "closed") return { allowed: true, probe: false };
    if (state === "open" || this.probing) return { allowed: false, probe: false };
    this.probing = true;
    return { allowed: true, probe: true };
  }

  success(): void {
    this.failures = 0;
    this.openings = 0;
    this.probing = false;
    this.lastReason = null;
  }

  failure(severity: "hard" | "soft", reason: string): void {
    this.failures++;
    this.lastReason = reason;
    const wasProbe = this.probing;
    this.probing = false;
    if (severity === "hard" || wasProbe || this.failures >= this.threshold) this.open();
  }

  /** A probe that ended without a verdict (cancelled by its caller) frees the probe slot. */
  release(): void {
    this.probing = false;
  }

  private open(): void {
    this.openings++;
    this.failures = Math.max(this.failures, 1);
    const cooldown = Math.min(this.maxCooldownMs, this.cooldownMs * 2 ** (this.openings - 1));
    this.openUntil = this.now() + cooldown;
  }
}
