/**
 * Usage totals of one analysis and its token budget. A request is sent only if its estimated
 * size still fits the budget; its real usage then replaces the estimate. Requests that do not
 * fit are skipped and their items keep the deterministic result.
 */
import type { TokenUsage } from "./providers/provider.js";

export class UsageMeter {
  readonly total: TokenUsage = { input: 0, output: 0, cachedRead: 0, cacheWrite: 0 };
  requests = 0;
  private reserved = 0;

  constructor(readonly budget: number) {}

  /** Tokens spent plus tokens promised to requests in flight. */
  get committed(): number {
    return this.total.input + this.total.output + this.reserved;
  }

  /** Reserves an estimate for a request; false when it would exceed the budget. */
  reserve(estimate: number): boolean {
    if (this.committed + estimate > this.budget) return false;
    this.reserved += estimate;
    return true;
  }

  /** Gives back a reservation that was not used for a request. */
  release(estimate: number): void {
    this.reserved = Math.max(0, this.reserved - estimate);
  }

  /** Books a finished request's real usage (or nothing, when it failed) against its estimate. */
  settle(estimate: number, usage: TokenUsage | null): void {
    this.reserved = Math.max(0, this.reserved - estimate);
    this.requests++;
    if (!usage) return;
    this.total.input += usage.input;
    this.total.output += usage.output;
    this.total.cachedRead += usage.cachedRead;
    this.total.cacheWrite += usage.cacheWrite;
  }
}
