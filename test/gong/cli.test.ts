/**
 * `call-coach gong sync` and `call-coach serve --gong-sync-every` as real processes
 * (dist/interfaces/cli/main.js; `npm run build` first) against the fake Gong on 127.0.0.1.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { after, before, describe, test } from "node:test";
import Database from "better-sqlite3";
import { callStorePath } from "../../src/storage/call-store.js";
import { CLI, childEnv, makeHome, removeHome, startCliServer } from "../service/support/home.js";
import { FakeGong, generateCalls } from "../support/fake-gong.js";
import { runProcess } from "../support/process.js";

const calls = generateCalls(9, { numericEvery: 3 });

function gongSync(home: string, args: string[], env: Record<string, string>) {
  return runProcess(process.execPath, [CLI, "gong", "sync", ...args], {
    env: childEnv(home, env) as Record<string, string>,
    timeoutMs: 120_000,
    label: "gong sync",
  });
}

function rows(home: string, sql: string): unknown[] {
  const db = new Database(callStorePath(home), { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

describe("gong sync (CLI)", () => {
  let home: string;
  const fake = new FakeGong({ pageSize: 4 });
  before(async () => {
    home = await makeHome("cc-gong-cli-");
    await fake.start();
    calls.forEach((g, i) => {
      fake.add(g.call, g.transcript, { later: i === 6 });
    });
  });
  after(async () => {
    await fake.close();
    removeHome(home);
  });

  test("bad configuration: one line naming the variable, exit 2, nothing sent", async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ GONG_BASE_URL: fake.url }, /no Gong credentials: set GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET/],
      [{ ...fake.env(), GONG_BASE_URL: "ftp://api.gong.io" }, /GONG_BASE_URL must be an http\(s\) URL/],
      [{ ...fake.env(), GONG_BASE_URL: "api.gong.io/v2" }, /GONG_BASE_URL must be an absolute URL/],
      [{ ...fake.env(), GONG_BASE_URL: "https://api.gong.io/v2/" }, /without \/v2/],
    ];
    for (const [env, message] of cases) {
      const r = await gongSync(home, [], env);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stderr.trimEnd().split("\n").length, 1, r.stderr);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr + r.stdout, new RegExp(fake.secret));
    }
    const bad = await gongSync(home, ["--since", "last tuesday"], fake.env());
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--since must be a date/);
    assert.equal(fake.requests.length, 0);
  });

  test("--dry-run lists what it would store and stores nothing", async () => {
    const r = await gongSync(home, ["--since", "2026-11-01", "--dry-run"], fake.env());
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Would store:\n {2}new {6}\d+ {2}Customer 0 - discovery 0$/m);
    assert.equal(r.stdout.match(/^ {2}new /gm)?.length, 8);
    assert.match(r.stdout, /Dry run: nothing stored\./);
    assert.equal(rows(home, "SELECT id FROM calls").length, 0);
    fake.requests.length = 0;
  });

  test("syncs through 429 and 500, skips the call without a transcript, prints the summary", async () => {
    fake.fail("/v2/calls/extensive", { status: 429, retryAfter: "1" });
    fake.fail("/v2/calls/transcript", { status: 500 });
    const r = await gongSync(
      home,
      ["--since", "2026-11-01"],
      fake.env({ CALL_COACH_COMPANY_DOMAIN: "prefect.io" }),
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^found\s+9\s/m);
    assert.match(r.stdout, /^new\s+8\s/m);
    assert.match(r.stdout, /^updated\s+0\s/m);
    assert.match(r.stdout, /^skipped\s+1\s+0 unchanged, 1 without a transcript yet/m);
    assert.match(r.stdout, /^failed\s+0/m);
    assert.match(r.stdout, /3 page\(s\), 8 Gong request\(s\) \(2 retried, 1 rate-limited\)/);
    assert.match(r.stderr, /gong sync: calls started 2026-11-01T00:00:00.000Z/);
    assert.doesNotMatch(r.stderr + r.stdout, new RegExp(`${fake.secret}|${fake.accessKey}`));
    const stored = rows(
      home,
      "SELECT c.call_key, g.url FROM calls c JOIN gong_calls g ON g.call_id = c.id",
    ) as {
      call_key: string;
      url: string;
    }[];
    assert.equal(stored.length, 8);
    assert.ok(stored.every((s) => s.url === `https://app.gong.io/call?id=${s.call_key.slice(5)}`));
  });

  test("the next run lists only from the mark and picks up the late transcript", async () => {
    const before = fake.requests.length;
    fake.release(calls[6]!.call.metaData.id);
    const r = await gongSync(home, ["--json"], fake.env({ CALL_COACH_COMPANY_DOMAIN: "prefect.io" }));
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as { new: number; found: number; skipped_unchanged: number };
    assert.equal(summary.new, 1);
    assert.equal(summary.found, 3, "the late call and the two after it");
    assert.equal(summary.skipped_unchanged, 2);
    const transcriptRequests = fake.requests.slice(before).filter((q) => q.path === "/v2/calls/transcript");
    assert.deepEqual(
      transcriptRequests.map((q) => (q.body!.filter as { callIds: string[] }).callIds),
      [[calls[6]!.call.metaData.id]],
    );
    assert.equal(rows(home, "SELECT id FROM calls").length, 9);
    assert.equal(rows(home, "SELECT id FROM analyses").length, 9);
  });

  test("an expired key: one line naming the variables, exit 2", async () => {
    const expired = new FakeGong();
    await expired.start();
    expired.expireKey();
    try {
      const r = await gongSync(home, [], expired.env());
      assert.equal(r.code, 2, r.stderr);
      assert.equal(
        r.stderr.trim(),
        "call-coach: Gong rejected the credentials (HTTP 401): check GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET",
      );
      assert.equal(expired.requests.length, 1, "no retries on 401");
    } finally {
      await expired.close();
    }
  });
});

describe("gong sync killed midway (CLI)", () => {
  let home: string;
  const fake = new FakeGong({ pageSize: 4 });
  before(async () => {
    home = await makeHome("cc-gong-kill-");
    await fake.start();
    for (const g of generateCalls(12)) fake.add(g.call, g.transcript);
  });
  after(async () => {
    await fake.close();
    removeHome(home);
  });

  test("SIGKILL while page 2 is read, then the same command: resumes at the cursor, every call once", async () => {
    const env = childEnv(home, fake.env()) as Record<string, string>;
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, "gong", "sync", "--since", "2026-11-01"], {
        env,
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr.setEncoding("utf8").on("data", (d: string) => {
        stderr += d;
      });
      // The request for page 2 carries its cursor: page 1 is stored and the cursor saved by now.
      fake.onRequest = (req) => {
        if (req.path === "/v2/calls/extensive" && req.body?.cursor) {
          fake.onRequest = null;
          child.kill("SIGKILL");
        }
      };
      child.on("error", reject);
      child.on("close", (_code, signal) =>
        signal === "SIGKILL" ? resolve() : reject(new Error(`not killed: ${stderr}`)),
      );
    });
    const stored = rows(home, "SELECT id FROM calls").length;
    assert.equal(stored, 4, "page 1 was stored before the kill");
    const before = fake.requests.length;
    const r = await gongSync(home, ["--since", "2026-11-01", "--json"], fake.env());
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as { resumed: boolean; new: number };
    assert.equal(summary.resumed, true);
    assert.equal(
      typeof fake.requests[before]!.body?.cursor,
      "string",
      "the resumed run starts at a saved cursor",
    );
    assert.equal(summary.new, 12 - stored);
    assert.equal(rows(home, "SELECT id FROM calls").length, 12);
    assert.equal(rows(home, "SELECT id FROM analyses").length, 12);
  });
});

describe("serve --gong-sync-every", () => {
  let home: string;
  const fake = new FakeGong({ pageSize: 5 });
  before(async () => {
    home = await makeHome("cc-gong-serve-");
    await fake.start();
    // Recent calls: a server's first run looks back 30 days.
    const start = new Date(Date.now() - 2 * 86_400_000).toISOString();
    for (const g of generateCalls(9, { start, idBase: 5_000_000_000_000_000_000n }))
      fake.add(g.call, g.transcript);
  });
  after(async () => {
    await fake.close();
    removeHome(home);
  });

  test("syncs in the server; status on the API (behind the API key) and in the UI", async () => {
    const server = await startCliServer(
      ["serve", "--gong-sync-every", "1h"],
      home,
      fake.env({ CALL_COACH_API_KEY: "test-api-key-123", CALL_COACH_COMPANY_DOMAIN: "prefect.io" }),
    );
    const auth = { Authorization: "Bearer test-api-key-123" };
    try {
      assert.equal((await fetch(`${server.url}/api/gong/status`)).status, 401);
      let status: {
        scheduled: boolean;
        every_s: number;
        running: boolean;
        next_run: string | null;
        last_run: { status: string | null; summary: { found: number; new: number } | null };
        calls: { stored: number };
      };
      // The first run starts at once; wait for it to finish (bounded by the test runner's timeout).
      for (;;) {
        status = (await (
          await fetch(`${server.url}/api/gong/status`, { headers: auth })
        ).json()) as typeof status;
        if (status.last_run.status === "ok" && !status.running) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      assert.equal(status.scheduled, true);
      assert.equal(status.every_s, 3600);
      assert.equal(status.calls.stored, 9);
      assert.deepEqual([status.last_run.summary?.found, status.last_run.summary?.new], [9, 9]);
      assert.ok(status.next_run && Date.parse(status.next_run) > Date.now());

      const list = await (await fetch(`${server.url}/`, { headers: auth })).text();
      assert.match(list, /Gong sync: last run [\d-]+ [\d:]+ UTC: 9 new, 0 updated; next run/);
      const page = await (await fetch(`${server.url}/gong`, { headers: auth })).text();
      assert.match(page, /syncs calls from Gong every 1 h/);
      const calls = (await (await fetch(`${server.url}/api/calls`, { headers: auth })).json()) as {
        calls: { id: string }[];
      };
      const callPage = await (
        await fetch(`${server.url}/calls/${calls.calls[0]!.id}`, { headers: auth })
      ).text();
      assert.match(
        callPage,
        /<a href="https:\/\/app\.gong\.io\/call\?id=\d+" rel="noopener noreferrer">Open the call recording<\/a>/,
      );
      assert.doesNotMatch(server.logs(), new RegExp(`${fake.secret}|${fake.accessKey}`));
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });

  test("a failing scheduled run (expired key) is shown in the status; the server keeps serving", async () => {
    const expired = new FakeGong();
    await expired.start();
    expired.expireKey();
    const server = await startCliServer(["serve", "--gong-sync-every", "1h"], home, expired.env());
    try {
      let status: {
        scheduled: boolean;
        next_run: string | null;
        last_run: { status: string | null; error: string | null };
      };
      for (;;) {
        status = (await (await fetch(`${server.url}/api/gong/status`)).json()) as typeof status;
        if (status.last_run.status === "failed" && status.next_run) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      assert.equal(
        status.last_run.error,
        "Gong rejected the credentials (HTTP 401): check GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET",
      );
      assert.match(server.logs(), /call-coach gong: sync failed: Gong rejected the credentials/);
      assert.doesNotMatch(server.logs(), new RegExp(`${expired.secret}|${expired.accessKey}`));
      assert.equal((await fetch(`${server.url}/health`)).status, 200);
    } finally {
      assert.equal(await server.stop(), 0);
      await expired.close();
    }
  });

  test("bad Gong settings stop serve before it starts: one line, exit 2", async () => {
    const r = await runProcess(process.execPath, [CLI, "serve", "--port", "0", "--gong-sync-every", "15m"], {
      env: childEnv(home, { GONG_BASE_URL: "relative/path", GONG_BEARER_TOKEN: "x" }) as Record<
        string,
        string
      >,
    });
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trimEnd().split("\n").length, 1);
    assert.match(r.stderr, /GONG_BASE_URL must be an absolute URL/);
    const every = await runProcess(
      process.execPath,
      [CLI, "serve", "--port", "0", "--gong-sync-every", "often"],
      {
        env: childEnv(home, fake.env()) as Record<string, string>,
      },
    );
    assert.equal(every.code, 2);
    assert.match(every.stderr, /--gong-sync-every must be an interval/);
  });
});
