/** The Gong API client and its settings, against the fake Gong on 127.0.0.1. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { UsageError } from "../../src/errors.js";
import { exitCodeFor } from "../../src/interfaces/cli/run.js";
import {
  GongApiError,
  GongAuthError,
  GongBaseUrlError,
  GongClient,
  retryAfterMs,
} from "../../src/sources/gong/client.js";
import { type GongConfig, loadGongConfig, parseBaseUrl } from "../../src/sources/gong/config.js";
import { normalizeStarted } from "../../src/sources/gong/documents.js";
import { createRateLimiter } from "../../src/sources/gong/rate-limiter.js";
import { FakeGong, generateCalls } from "../support/fake-gong.js";

const KEYS = { GONG_ACCESS_KEY: "AK-123456", GONG_ACCESS_KEY_SECRET: "s3cr3t-value-xyz" };

describe("Gong settings", () => {
  test("basic auth, bearer token, and the default base URL", () => {
    const basic = loadGongConfig(KEYS);
    assert.equal(basic.baseUrl, "https://api.gong.io");
    assert.equal(basic.auth.kind, "basic");
    assert.equal(basic.ratePerSecond, 3);
    const bearer = loadGongConfig({
      GONG_BEARER_TOKEN: "tok",
      GONG_BASE_URL: "https://us-4711.api.gong.io/",
    });
    assert.equal(bearer.auth.kind, "bearer");
    assert.equal(bearer.baseUrl, "https://us-4711.api.gong.io");
  });

  test("bad settings are usage errors that name the variable and never echo a secret", () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{}, /GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET.*GONG_BEARER_TOKEN/],
      [{ GONG_ACCESS_KEY: "AK-123456" }, /GONG_ACCESS_KEY_SECRET is not set/],
      [{ ...KEYS, GONG_BASE_URL: "api.gong.io" }, /GONG_BASE_URL must be an absolute URL/],
      [{ ...KEYS, GONG_BASE_URL: "/v2/calls" }, /GONG_BASE_URL must be an absolute URL/],
      [{ ...KEYS, GONG_BASE_URL: "ftp://api.gong.io" }, /GONG_BASE_URL must be an http\(s\) URL/],
      [{ ...KEYS, GONG_BASE_URL: "https://api.gong.io/v2" }, /without \/v2/],
      [{ ...KEYS, GONG_RATE_LIMIT: "fast" }, /GONG_RATE_LIMIT must be a positive number/],
    ];
    for (const [env, message] of cases) {
      assert.throws(
        () => loadGongConfig(env),
        (err: unknown) => {
          assert.ok(err instanceof UsageError, String(err));
          assert.match(err.message, message);
          assert.doesNotMatch(err.message, /s3cr3t|AK-123456/);
          assert.doesNotMatch(err.message, /\n/);
          return true;
        },
      );
    }
    assert.throws(() => parseBaseUrl("https://AK:s3cr3t@api.gong.io"), /must not carry credentials/);
  });

  test("Retry-After in seconds or as an HTTP date", () => {
    assert.equal(retryAfterMs("2"), 2000);
    assert.equal(retryAfterMs("0.5"), 500);
    assert.equal(retryAfterMs(new Date(10_000).toUTCString(), 4_000), 6000);
    assert.equal(retryAfterMs("soon"), null);
    assert.equal(retryAfterMs(null), null);
  });

  test("started as ISO with an offset, epoch seconds or epoch milliseconds", () => {
    assert.equal(normalizeStarted("2026-11-02T07:00:00-08:00"), "2026-11-02T15:00:00.000Z");
    assert.equal(normalizeStarted(1793631600), "2026-11-02T15:00:00.000Z");
    assert.equal(normalizeStarted("1793631600"), "2026-11-02T15:00:00.000Z");
    assert.equal(normalizeStarted(1793631600000), "2026-11-02T15:00:00.000Z");
    assert.equal(normalizeStarted(null), null);
    assert.equal(normalizeStarted("not a date"), null);
  });
});

describe("rate limiter", () => {
  test("never lets more than the limit start in any one-second window", async () => {
    let clock = 0;
    const starts: number[] = [];
    const limiter = createRateLimiter(3, {
      marginMs: 0,
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    });
    for (let i = 0; i < 20; i++) {
      await limiter.acquire();
      starts.push(clock);
      clock += 7; // the request itself
    }
    for (const t of starts) assert.ok(starts.filter((s) => s >= t && s < t + 1000).length <= 3);
    // …and does not wait longer than it must: 20 requests at 3/s take about six seconds.
    assert.ok(clock < 7000, `took ${clock} ms of simulated time`);
  });

  test("requests of an earlier process count against the limit", async () => {
    let clock = 10_000;
    const limiter = createRateLimiter(2, {
      marginMs: 0,
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    });
    limiter.seed([9_500, 9_900]);
    await limiter.acquire();
    assert.equal(clock, 10_500);
    assert.deepEqual(limiter.recent(), [9_900, 10_500]);
  });
});

describe("Gong client against the fake", () => {
  const fake = new FakeGong({ pageSize: 3 });
  let config: GongConfig;
  const noWait = async () => {};
  before(async () => {
    await fake.start();
    for (const g of generateCalls(7)) fake.add(g.call, g.transcript);
    config = { ...loadGongConfig(fake.env()), ratePerSecond: 1000 };
  });
  after(() => fake.close());

  test("pages with the cursor in the POST body; contentSelector asks for parties", async () => {
    const client = new GongClient(config, { sleep: noWait });
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await client.listCalls({ fromDateTime: "2026-11-01T00:00:00Z", toDateTime: null }, cursor);
      ids.push(...page.items.map((c) => String(c.metaData.id)));
      assert.ok(page.items.every((c) => Array.isArray(c.parties) && c.parties[0]?.affiliation));
      cursor = page.cursor;
      pages++;
    } while (cursor);
    assert.equal(pages, 3);
    assert.equal(new Set(ids).size, 7);
    const sent = fake.requests.filter((r) => r.path === "/v2/calls/extensive");
    assert.equal(sent[1]!.query, "", "nothing in the query string");
    assert.equal(typeof sent[1]!.body?.cursor, "string");
    assert.deepEqual((sent[0]!.body!.contentSelector as { exposedFields: unknown }).exposedFields, {
      parties: true,
    });
  });

  test("the fake, like Gong, returns the first page again for a cursor in the query string", async () => {
    const first = await client(config).listCalls({ fromDateTime: null, toDateTime: null }, null);
    const auth = `Basic ${Buffer.from(`${fake.accessKey}:${fake.secret}`).toString("base64")}`;
    const res = await fetch(`${fake.url}/v2/calls/extensive?cursor=${encodeURIComponent(first.cursor!)}`, {
      method: "POST",
      headers: { Authorization: auth, "Content-Type": "application/json" },
      body: JSON.stringify({ filter: {} }),
    });
    const json = (await res.json()) as { calls: { metaData: { id: string } }[] };
    assert.deepEqual(
      json.calls.map((c) => c.metaData.id),
      first.items.map((c) => String(c.metaData.id)),
    );
  });

  test("transcripts of the page's calls; a call without one is absent", async () => {
    const ids = [...fake.calls.keys()].slice(0, 3);
    fake.transcriptLater.add(ids[1]!);
    const got = await client(config).getTranscripts(ids);
    fake.release(ids[1]!);
    assert.deepEqual([...got.keys()].sort(), [ids[0], ids[2]].sort());
    const sent = fake.requests.at(-1)!;
    assert.deepEqual(sent.body?.filter, { callIds: ids });
  });

  test("an empty window (Gong's 404 'No calls found') is an empty page", async () => {
    const page = await client(config).listCalls(
      { fromDateTime: "2031-01-01T00:00:00Z", toDateTime: null },
      null,
    );
    assert.deepEqual(page, { items: [], cursor: null, totalRecords: null });
  });

  test("429 waits for Retry-After, 5xx is retried with backoff, both counted", async () => {
    const waits: number[] = [];
    const c = new GongClient(config, {
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    fake.fail("/v2/calls/extensive", { status: 429, retryAfter: "2" }, { status: 500 }, { status: 503 });
    const page = await c.listCalls({ fromDateTime: null, toDateTime: null }, null);
    assert.equal(page.items.length, 3);
    assert.deepEqual(c.stats, { requests: 4, retries: 3, rateLimited: 1 });
    assert.equal(waits[0], 2000);
    assert.ok(waits[1]! >= 10 && waits[1]! <= 20, `first backoff ${waits[1]}`);
    assert.ok(waits[2]! >= 20 && waits[2]! <= 40, `second backoff ${waits[2]}`);
  });

  test("retries are bounded", async () => {
    const c = new GongClient({ ...config, maxAttempts: 3 }, { sleep: noWait });
    fake.fail("/v2/calls/extensive", { status: 500 }, { status: 500 }, { status: 500 });
    await assert.rejects(
      c.listCalls({ fromDateTime: null, toDateTime: null }, null),
      (err: unknown) => err instanceof GongApiError && /HTTP 500.*after 3 attempts/.test(err.message),
    );
    assert.equal(c.stats.requests, 3);
  });

  test("a Retry-After longer than allowed (the daily cap) fails with the wait, without waiting", async () => {
    const c = new GongClient(config, { sleep: noWait });
    fake.fail("/v2/calls/extensive", { status: 429, retryAfter: "7200" });
    await assert.rejects(c.listCalls({ fromDateTime: null, toDateTime: null }, null), /wait 7200 s/);
  });

  test("401 and 403 fail at once, name the variables to fix, and never show the key", async () => {
    const wrong = {
      ...config,
      auth: { kind: "basic" as const, accessKey: "AK-wrong", secret: "not-the-secret-1" },
    };
    const c = new GongClient(wrong, { sleep: noWait });
    await assert.rejects(c.listCalls({ fromDateTime: null, toDateTime: null }, null), (err: unknown) => {
      assert.ok(err instanceof GongAuthError);
      assert.equal(err.code, "gong_auth");
      assert.equal(exitCodeFor(err), 2);
      assert.match(err.message, /HTTP 401.*GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET/);
      assert.doesNotMatch(err.message, /AK-wrong|not-the-secret|QUstd3Jvbm/);
      return true;
    });
    assert.equal(c.stats.requests, 1);
    const bearer = new GongClient({ ...config, auth: { kind: "bearer", token: "expired-token-1" } });
    await assert.rejects(bearer.getTranscripts(["1"]), /check GONG_BEARER_TOKEN/);
  });

  test("a base URL that is not a Gong API: exit 2, naming GONG_BASE_URL", async () => {
    const c = new GongClient({ ...config, baseUrl: `${fake.url}/not-gong` }, { sleep: noWait });
    await assert.rejects(c.listCalls({ fromDateTime: null, toDateTime: null }, null), (err: unknown) => {
      assert.ok(err instanceof GongBaseUrlError);
      assert.equal(err.code, "gong_base_url");
      assert.equal(exitCodeFor(err), 2);
      assert.match(err.message, /^GONG_BASE_URL: .* has no \/v2\/calls\/extensive \(HTTP 404\)/);
      return true;
    });
  });

  function client(c: GongConfig): GongClient {
    return new GongClient(c, { sleep: noWait });
  }
});
