import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CircuitBreaker } from "./circuit-breaker.js";

function clock(start = 1_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("CircuitBreaker", () => {
  it("opens at once on a hard failure and fails fast until the cool-down ends", () => {
    const c = clock();
    const b = new CircuitBreaker({ cooldownMs: 1_000, now: c.now });
    assert.equal(b.tryAcquire().allowed, true);
    b.failure("hard", "server did not answer");
    assert.equal(b.state, "open");
    assert.equal(b.tryAcquire().allowed, false);
    assert.equal(b.retryInMs(), 1_000);
    assert.equal(b.reason, "server did not answer");
    c.advance(1_000);
    assert.equal(b.state, "half-open");
  });

  it("lets one probe through when half-open; others fail fast until it reports", () => {
    const c = clock();
    const b = new CircuitBreaker({ cooldownMs: 100, now: c.now });
    b.failure("hard", "x");
    c.advance(100);
    const probe = b.tryAcquire();
    assert.deepEqual(probe, { allowed: true, probe: true });
    assert.equal(b.tryAcquire().allowed, false);
    b.success();
    assert.equal(b.state, "closed");
    assert.equal(b.tryAcquire().allowed, true);
  });

  it("re-opens with a doubled cool-down when the probe fails, capped at the maximum", () => {
    const c = clock();
    const b = new CircuitBreaker({ cooldownMs: 100, maxCooldownMs: 300, now: c.now });
    b.failure("hard", "x");
    assert.equal(b.retryInMs(), 100);
    c.advance(100);
    b.tryAcquire();
    b.failure("soft", "still broken");
    assert.equal(b.retryInMs(), 200);
    c.advance(200);
    b.tryAcquire();
    b.failure("soft", "still broken");
    assert.equal(b.retryInMs(), 300);
  });

  it("opens after the threshold of soft failures in a row, and a success resets the count", () => {
    const b = new CircuitBreaker({ failureThreshold: 3, now: clock().now });
    b.failure("soft", "a");
    b.failure("soft", "b");
    b.success();
    b.failure("soft", "c");
    b.failure("soft", "d");
    assert.equal(b.state, "closed");
    b.failure("soft", "e");
    assert.equal(b.state, "open");
  });

  it("frees the probe slot when the probe was cancelled without a verdict", () => {
    const c = clock();
    const b = new CircuitBreaker({ cooldownMs: 10, now: c.now });
    b.failure("hard", "x");
    c.advance(10);
    assert.equal(b.tryAcquire().probe, true);
    b.release();
    assert.equal(b.tryAcquire().probe, true);
  });
});
