// biome-ignore-all lint/suspicious/noExplicitAny: the tests read untyped JSON from the wire
/** The HTTP API of `call-coach serve`, over real HTTP on 127.0.0.1. */
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { after, before, describe, test } from "node:test";
import { reportSchema } from "../../src/model/report.js";
import { callJson, callText, DANA, MORGAN, RILEY, SAM } from "./support/calls.js";
import { makeHome, type RunningServe, removeHome, startCliServer } from "./support/home.js";

const danaCall = callJson({
  id: "http-1",
  title: "Northwind | Discovery",
  startedAt: "2026-03-02T15:00:00Z",
  rep: DANA,
  customer: RILEY,
});

async function json(res: Response): Promise<any> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`not JSON (${res.status}): ${text.slice(0, 200)}`);
  }
}

function assertError(body: any, status: number, res: Response, field: string | null, message: RegExp) {
  assert.equal(res.status, status);
  assert.equal(res.headers.get("content-type")?.startsWith("application/json"), true);
  assert.equal(body.error.field, field);
  assert.match(body.error.message, message);
  assert.equal(body.error.message.includes("\n"), false);
}

describe("HTTP API without an API key", () => {
  let home: string;
  let server: RunningServe;
  let callId: string;
  let uploadedReport: unknown;
  before(async () => {
    home = await makeHome("cc-http-");
    server = await startCliServer(["serve"], home);
  });
  after(async () => {
    await server.stop();
    removeHome(home);
  });
  const url = (path: string) => `${server.url}${path}`;

  test("health", async () => {
    const res = await fetch(url("/health"));
    const body = await json(res);
    assert.equal(res.status, 200);
    assert.equal(body.status, "ok");
    assert.equal(body.auth, "none");
    assert.match(body.knowledge.version, /^local:/);
  });

  test("upload as JSON: 201 with the report, the same again is a cache hit (200)", async () => {
    const send = () =>
      fetch(url("/api/calls"), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ transcript: danaCall, file_name: "northwind.json" }),
      });
    const res = await send();
    const body = await json(res);
    assert.equal(res.status, 201, JSON.stringify(body));
    assert.equal(body.cached, false);
    assert.match(body.call_id, /^[0-9a-f]{12}$/);
    assert.equal(body.summary.contradicted, 2);
    assert.ok(reportSchema.safeParse(body.report).success);
    assert.equal(body.links.page, `/calls/${body.call_id}`);
    callId = body.call_id;
    uploadedReport = body.report;
    const again = await send();
    const againBody = await json(again);
    assert.equal(again.status, 200);
    assert.equal(againBody.cached, true);
    assert.equal(againBody.analysis.id, body.analysis.id);
  });

  test("upload as multipart form data with internal speakers", async () => {
    const form = new FormData();
    form.set(
      "file",
      new Blob([callText({ id: "s", title: "s", startedAt: "", rep: SAM, customer: MORGAN })]),
      "sam-call.txt",
    );
    form.set("internal", "Sam Ortiz");
    const res = await fetch(url("/api/calls"), { method: "POST", body: form });
    const body = await json(res);
    assert.equal(res.status, 201, JSON.stringify(body));
    assert.equal(body.summary.title, "sam-call");
    assert.equal(body.summary.claims, 3);
    assert.deepEqual(body.summary.competitors, ["Airflow", "Dagster"]);
  });

  test("list, search and filter calls; get one call", async () => {
    const all = await json(await fetch(url("/api/calls")));
    assert.equal(all.total, 2);
    assert.equal((await json(await fetch(url("/api/calls?q=backfill")))).total, 2);
    assert.equal((await json(await fetch(url("/api/calls?q=northwind")))).total, 1);
    const dana = await json(await fetch(url(`/api/calls?rep=${encodeURIComponent(DANA.email!)}`)));
    assert.deepEqual(
      dana.calls.map((c: any) => c.id),
      [callId],
    );
    assert.equal(
      (await json(await fetch(url("/api/calls?since=2026-03-03")))).calls.some((c: any) => c.id === callId),
      false,
    );
    const one = await json(await fetch(url(`/api/calls/${callId}`)));
    assert.equal(one.call.participants[0].email, DANA.email);
    assert.equal(one.call.analyses.length, 1);
  });

  test("report as JSON, Markdown and HTML (by query or Accept header)", async () => {
    const j = await fetch(url(`/api/calls/${callId}/report`));
    assert.equal(j.headers.get("content-type"), "application/json; charset=utf-8");
    // Served straight from the stored bytes: the same report the upload returned, non-ASCII intact.
    assert.deepEqual(await json(j), uploadedReport);
    assert.ok([...JSON.stringify(uploadedReport)].some((ch) => ch.charCodeAt(0) > 127));
    const md = await fetch(url(`/api/calls/${callId}/report?format=markdown`));
    assert.equal(md.headers.get("content-type"), "text/markdown; charset=utf-8");
    assert.match(await md.text(), /Log lines are batched/);
    const html = await fetch(url(`/api/calls/${callId}/report`), { headers: { accept: "text/html" } });
    assert.match(html.headers.get("content-type") ?? "", /^text\/html/);
    assert.match(await html.text(), /<html/);
    const mdByAccept = await fetch(url(`/api/calls/${callId}/report`), {
      headers: { accept: "text/markdown" },
    });
    assert.match(mdByAccept.headers.get("content-type") ?? "", /^text\/markdown/);
  });

  test("insights, reps, docs search, claim validation, re-analysis", async () => {
    const insights = await json(await fetch(url("/api/insights")));
    assert.deepEqual(insights.wrong_claims.map((w: any) => w.topic).sort(), ["rate limit", "work queue"]);
    const reps = await json(await fetch(url("/api/reps")));
    assert.deepEqual(reps.reps.map((r: any) => r.name).sort(), ["Dana Reyes", "Sam Ortiz"]);
    const docs = await json(await fetch(url("/api/docs/search?q=work%20queue%20priority&top_k=3")));
    assert.equal(docs.results[0].url, "https://docs.prefect.io/v3/concepts/work-pools");
    const v = await fetch(url("/api/claims/validate"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        statement: "Each individual log message counts as one request against the rate limit.",
      }),
    });
    const verdict = await json(v);
    assert.equal(verdict.verdict, "supported");
    assert.equal(verdict.evidence[0].url, "https://docs.prefect.io/v3/concepts/rate-limits");
    const again = await json(await fetch(url(`/api/calls/${callId}/analyze`), { method: "POST" }));
    assert.equal(again.cached, true);
  });

  test("clear 4xx errors naming the field", async () => {
    const post = (body: string, type = "application/json") =>
      fetch(url("/api/calls"), { method: "POST", headers: { "content-type": type }, body });
    let res = await post("{}");
    assertError(await json(res), 400, res, "transcript", /^transcript: is required$/);
    res = await post("{ nope");
    assertError(await json(res), 400, res, "body", /^body: invalid JSON/);
    res = await post(JSON.stringify({ transcript: '{"participants": [}', file_name: "broken.json" }));
    assertError(await json(res), 400, res, "transcript", /^transcript: broken\.json.*JSON/);
    res = await post(JSON.stringify({ transcript: "x", internal: 5 }));
    assertError(await json(res), 400, res, "internal", /^internal: /);
    res = await post("hello", "text/plain");
    assertError(await json(res), 415, res, "Content-Type", /multipart\/form-data/);
    res = await post(JSON.stringify({ transcript: "a".repeat(11 * 2 ** 20) }));
    assertError(await json(res), 413, res, "body", /over 10 MB/);
    res = await fetch(url("/api/calls?limit=1000"));
    assertError(await json(res), 400, res, "limit", /^limit: /);
    res = await fetch(url("/api/insights?since=yesterday"));
    assertError(await json(res), 400, res, "since", /^since: must be a date/);
    res = await fetch(url("/api/docs/search"));
    assertError(await json(res), 400, res, "q", /^q: is required$/);
    res = await fetch(url("/api/calls/000000000000/report"));
    assertError(await json(res), 404, res, "id", /no call with id "000000000000"/);
    res = await fetch(url("/api/nothing"));
    assertError(await json(res), 404, res, "path", /no route GET \/api\/nothing/);
  });

  test("requests addressed to another host are refused (DNS rebinding)", async () => {
    const { port } = new URL(server.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        { host: "127.0.0.1", port, path: "/api/calls", headers: { host: "attacker.example" } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.end();
    });
    assert.equal(status, 403);
  });

  test("each request is logged as one line: method, path, status", () => {
    assert.match(server.logs(), /call-coach http: POST \/api\/calls 201 \d+ms/);
    assert.equal(server.logs().includes("backfill"), false, "query strings are not logged");
  });
});

describe("HTTP API with CALL_COACH_API_KEY", () => {
  const KEY = "cc-test-key-7d1f0a9e4b2c";
  let home: string;
  let server: RunningServe;
  before(async () => {
    home = await makeHome("cc-http-key-");
    server = await startCliServer(["serve"], home, { CALL_COACH_API_KEY: KEY });
  });
  after(async () => {
    await server.stop();
    removeHome(home);
  });
  const url = (path: string) => `${server.url}${path}`;

  test("every route but health needs the key; Bearer and X-API-Key both work", async () => {
    assert.equal((await fetch(url("/health"))).status, 200);
    const denied = await fetch(url("/api/calls"));
    assertError(await json(denied), 401, denied, "Authorization", /missing or wrong API key/);
    assert.match(denied.headers.get("www-authenticate") ?? "", /^Bearer/);
    assert.equal(
      (await fetch(url("/api/calls"), { headers: { authorization: "Bearer wrong-key-123" } })).status,
      401,
    );
    assert.equal(
      (await fetch(url("/api/calls"), { headers: { authorization: `Bearer ${KEY}` } })).status,
      200,
    );
    assert.equal((await fetch(url("/api/calls"), { headers: { "x-api-key": KEY } })).status, 200);
    const upload = await fetch(url("/api/calls"), {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${KEY}` },
      body: JSON.stringify({ transcript: danaCall }),
    });
    assert.equal(upload.status, 201);
    assert.equal((await fetch(url("/mcp"), { method: "POST", body: "{}" })).status, 401);
  });

  test("browsers sign in once: the login form sets an HttpOnly session cookie that is not the key", async () => {
    const page = await fetch(url("/"));
    assert.equal(page.status, 401);
    assert.match(await page.text(), /<label for="key">API key<\/label>/);
    const wrong = await fetch(url("/login"), {
      method: "POST",
      body: new URLSearchParams({ key: "nope", next: "/" }),
      redirect: "manual",
    });
    assert.equal(wrong.status, 401);
    const login = await fetch(url("/login"), {
      method: "POST",
      body: new URLSearchParams({ key: KEY, next: "/insights" }),
      redirect: "manual",
    });
    assert.equal(login.status, 303);
    assert.equal(login.headers.get("location"), "/insights");
    const cookie = login.headers.get("set-cookie") ?? "";
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Strict/i);
    assert.equal(cookie.includes(KEY), false);
    const session = cookie.split(";")[0]!;
    assert.equal((await fetch(url("/insights"), { headers: { cookie: session } })).status, 200);
    assert.equal((await fetch(url("/api/insights"), { headers: { cookie: session } })).status, 200);
  });

  test("the key never reaches the log", async () => {
    await server.stop();
    assert.ok(server.logs().length > 0);
    assert.equal(server.logs().includes(KEY), false);
  });
});
