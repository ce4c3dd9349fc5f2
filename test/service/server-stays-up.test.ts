// biome-ignore-all lint/suspicious/noExplicitAny: the tests read untyped JSON from the wire
/**
 * `call-coach serve` while an analysis runs, over real HTTP on 127.0.0.1: /health, pages and /mcp
 * keep answering; a client that goes away cancels its analysis; the pool's queue and time limit
 * refuse with 503 and 504; SIGTERM stops the server mid-analysis with nothing half-stored.
 * Nothing here reads the clock: each test waits for the state /health reports.
 */
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { after, before, describe, test } from "node:test";
import { makeHome, type RunningServe, removeHome, startCliServer } from "./support/home.js";

/** A two-speaker text transcript of about `bytes` bytes: seconds of analysis, not milliseconds. */
function bigTranscript(bytes: number, marker: string): string {
  const lines = [
    "Log lines are batched, so a whole batch only counts as one request against the rate limit.",
    "Our security team is worried about storing credentials with you.",
    "Work queues with a higher priority number win, so give the critical queue priority ten.",
    `Thanks, that is useful to know for ${marker}.`,
  ];
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const t = 2 + i * 6;
    const clock = [Math.floor(t / 3600), Math.floor(t / 60) % 60, t % 60]
      .map((n) => String(n).padStart(2, "0"))
      .join(":");
    const line = `[${clock}] ${i % 2 ? "Morgan Blake" : "Sam Ortiz"}: ${lines[i % lines.length]}\n`;
    out.push(line);
    size += line.length;
  }
  return out.join("");
}

interface Reply {
  status: number;
  body: any;
}

/**
 * One request on a connection of its own (no keep-alive): these tests abort requests and poll
 * while uploads run, and a pooled socket the server is closing would fail a request for reasons
 * of the client's pool, not of the server under test.
 */
function send(
  server: RunningServe,
  method: string,
  path: string,
  body?: string,
  signal?: AbortSignal,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${server.url}${path}`,
      {
        method,
        agent: false,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        ...(signal ? { signal } : {}),
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: text.startsWith("{") ? JSON.parse(text) : text });
          } catch (err) {
            reject(err);
          }
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const upload = (server: RunningServe, transcript: string, signal?: AbortSignal) =>
  send(
    server,
    "POST",
    "/api/calls",
    JSON.stringify({ transcript, file_name: "big.txt", internal: ["Sam Ortiz"] }),
    signal,
  );

/** Only an aborted request may fail; anything else fails the test. */
const aborted = (err: Error) => {
  if (err.name !== "AbortError") throw err;
  return err;
};

async function health(server: RunningServe): Promise<any> {
  const res = await send(server, "GET", "/health");
  assert.equal(res.status, 200);
  return res.body;
}

/** Polls /health until `ready` holds (the test's own timeout bounds the wait). */
async function waitForHealth(server: RunningServe, ready: (h: any) => boolean): Promise<any> {
  for (;;) {
    const h = await health(server);
    if (ready(h)) return h;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("serve keeps answering while an upload is analyzed", () => {
  let home: string;
  let server: RunningServe;
  before(async () => {
    home = await makeHome("cc-stays-up-");
    server = await startCliServer(["serve"], home, { CALL_COACH_WORKERS: "1", CALL_COACH_QUEUE: "1" });
  });
  after(async () => {
    await server.stop();
    removeHome(home);
  });

  test("health, pages and /mcp answer during an analysis, which then completes", async () => {
    assert.deepEqual((await health(server)).analyses, { workers: 1, running: 0, queued: 0 });
    let finished = false;
    const pending = upload(server, bigTranscript(300_000, "stays-up")).then((res) => {
      finished = true;
      return res;
    });
    await waitForHealth(server, (h) => h.analyses.running === 1);
    const page = await send(server, "GET", "/");
    assert.equal(page.status, 200);
    const mcp = await fetch(`${server.url}/mcp`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } },
      }),
    });
    assert.equal(mcp.status, 200);
    assert.equal((await mcp.json()).result.serverInfo.name, "call-coach");
    assert.equal(finished, false, "the answers above came while the analysis was still running");
    const res = await pending;
    assert.equal(res.status, 201);
    assert.ok(res.body.summary.claims > 100);
  });

  test("a client that goes away cancels its analysis, and nothing is stored", async () => {
    const before = (await health(server)).calls;
    const controller = new AbortController();
    const pending = upload(server, bigTranscript(300_000, "cancelled"), controller.signal).catch(aborted);
    await waitForHealth(server, (h) => h.analyses.running === 1);
    controller.abort();
    assert.equal(((await pending) as Error).name, "AbortError");
    const after = await waitForHealth(server, (h) => h.analyses.running === 0 && h.analyses.workers === 1);
    assert.equal(after.calls, before);
    // The handler saw the cancellation (its log line may follow the health answer).
    while (!/POST \/api\/calls 503/.test(server.logs())) await new Promise((r) => setTimeout(r, 25));
  });

  test("over the queue's bound an upload is refused with 503, not queued without end", async () => {
    const controller = new AbortController();
    const first = upload(server, bigTranscript(300_000, "first"), controller.signal).catch(aborted);
    await waitForHealth(server, (h) => h.analyses.running === 1);
    const second = upload(server, bigTranscript(300_000, "second"), controller.signal).catch(aborted);
    await waitForHealth(server, (h) => h.analyses.queued === 1);
    const third = await upload(server, bigTranscript(1_000, "third"));
    assert.equal(third.status, 503);
    const body = third.body;
    assert.equal(body.error.code, "busy");
    assert.match(body.error.message, /busy/);
    controller.abort();
    await Promise.all([first, second]);
    await waitForHealth(server, (h) => h.analyses.running === 0 && h.analyses.queued === 0);
  });
});

describe("serve's analysis time limit and SIGTERM", () => {
  let home: string;
  before(async () => {
    home = await makeHome("cc-limits-");
  });
  after(() => removeHome(home));

  test("an analysis over CALL_COACH_ANALYSIS_TIMEOUT_MS is stopped: 504, and the server carries on", async () => {
    const server = await startCliServer(["serve"], home, {
      CALL_COACH_WORKERS: "1",
      CALL_COACH_ANALYSIS_TIMEOUT_MS: "100",
    });
    try {
      const res = await upload(server, bigTranscript(300_000, "timeout"));
      assert.equal(res.status, 504);
      const body = res.body;
      assert.equal(body.error.code, "timeout");
      assert.match(body.error.message, /CALL_COACH_ANALYSIS_TIMEOUT_MS/);
      // The stopped worker was replaced.
      await waitForHealth(server, (h) => h.analyses.workers === 1 && h.analyses.running === 0);
      assert.equal((await health(server)).calls, 0);
    } finally {
      await server.stop();
    }
  });

  test("SIGTERM during an analysis: the server stops, exits 0, and stored nothing half-written", async () => {
    const server = await startCliServer(["serve"], home, { CALL_COACH_WORKERS: "1" });
    // The server closes the connection as it stops: the upload fails, which is the point.
    const pending = upload(server, bigTranscript(300_000, "sigterm")).catch((e: Error) => e);
    await waitForHealth(server, (h) => h.analyses.running === 1);
    const code = await server.stop();
    assert.equal(code, 0, server.logs());
    assert.match(server.logs(), /call-coach: stopping/);
    await pending;
    // A fresh server on the same home: the store opens cleanly and holds no call.
    const again = await startCliServer(["serve"], home, { CALL_COACH_WORKERS: "1" });
    try {
      const list = await send(again, "GET", "/api/calls");
      assert.equal(list.body.total, 0);
    } finally {
      await again.stop();
    }
  });
});
