// biome-ignore-all lint/suspicious/noExplicitAny: the tests read untyped JSON from the wire
/**
 * Bad values, cross-site requests, host names and re-analysis settings of `call-coach serve`,
 * over real HTTP on 127.0.0.1.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { request as httpRequest } from "node:http";
import { after, before, describe, test } from "node:test";
import { callText, MORGAN, SAM } from "./support/calls.js";
import {
  CLI,
  childEnv,
  makeHome,
  ROOT,
  type RunningServe,
  removeHome,
  startCliServer,
} from "./support/home.js";

/** A request with headers fetch will not send (Host) or will not follow (redirects). */
function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: options.method ?? "GET", headers: options.headers, agent: false },
      (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (c: string) => {
          body += c;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

const samCall = (marker: string) =>
  callText({ id: marker, title: marker, startedAt: "", rep: SAM, customer: MORGAN, marker });

describe("serve without an API key: bad values, Origin, re-analysis", () => {
  let home: string;
  let server: RunningServe;
  before(async () => {
    home = await makeHome("cc-rough-");
    server = await startCliServer(["serve"], home);
  });
  after(async () => {
    await server.stop();
    removeHome(home);
  });
  const url = (path: string) => `${server.url}${path}`;

  test("a malformed multipart body on /api/calls is 400 naming the body", async () => {
    const res = await fetch(url("/api/calls"), {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=XYZ" },
      body: '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nno closing boundary',
    });
    assert.equal(res.status, 400);
    const body = await res.json();
    assert.equal(body.error.field, "body");
    assert.match(body.error.message, /multipart/);
  });

  test("multipart uploads: a quoted file name, a text field named file, and no file at all", async () => {
    const boundary = "b0undary";
    const body = (parts: string[]) =>
      `${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join("")}--${boundary}--\r\n`;
    const send = (parts: string[]) =>
      fetch(url("/api/calls"), {
        method: "POST",
        headers: { "content-type": `multipart/form-data; boundary="${boundary}"` },
        body: body(parts),
      });
    const named = await send([
      `Content-Disposition: form-data; name="file"; filename="q\\"uoted call.txt"\r\nContent-Type: text/plain\r\n\r\n${samCall("quoted")}`,
      `Content-Disposition: form-data; name="internal"\r\n\r\nSam Ortiz`,
    ]);
    const created = await named.json();
    assert.equal(named.status, 201, JSON.stringify(created));
    assert.equal(created.summary.title, 'q"uoted call');
    const text = await send([`Content-Disposition: form-data; name="file"\r\n\r\nnot a file`]);
    assert.equal(text.status, 400);
    assert.match((await text.json()).error.message, /file: must be a file/);
    const none = await send([`Content-Disposition: form-data; name="internal"\r\n\r\nSam Ortiz`]);
    assert.equal(none.status, 400);
    assert.match((await none.json()).error.message, /file/);
  });

  test("the same transcript uploaded three times at once is analyzed once", async () => {
    const upload = () =>
      fetch(url("/api/calls"), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          transcript: samCall("thrice"),
          file_name: "thrice.txt",
          internal: ["Sam Ortiz"],
        }),
      }).then(async (r) => ({ status: r.status, body: await r.json() }));
    const results = await Promise.all([upload(), upload(), upload()]);
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 200, 201]);
    assert.equal(new Set(results.map((r) => r.body.call_id)).size, 1);
    assert.equal(new Set(results.map((r) => r.body.analysis.id)).size, 1);
    assert.deepEqual(results.map((r) => r.body.cached).sort(), [false, true, true]);
  });

  test("an offset too large for a number is 400 on the page and in the API", async () => {
    const page = await fetch(url("/?offset=99999999999999999999"));
    assert.equal(page.status, 400);
    assert.match(await page.text(), /offset: must be a whole number/);
    const api = await fetch(url("/api/calls?offset=99999999999999999999"));
    assert.equal(api.status, 400);
    assert.equal((await api.json()).error.field, "offset");
    assert.equal((await fetch(url("/?offset=50"))).status, 200);
  });

  test("cross-site POSTs are refused; same-site ones and programs without Origin are not", async () => {
    const post = (origin?: string) =>
      fetch(url("/api/calls"), {
        method: "POST",
        headers: { "content-type": "application/json", ...(origin ? { origin } : {}) },
        body: JSON.stringify({
          transcript: samCall("origin"),
          file_name: "origin.txt",
          internal: "Sam Ortiz",
        }),
      });
    const evil = await post("https://evil.example");
    assert.equal(evil.status, 403);
    assert.equal((await evil.json()).error.code, "forbidden_origin");
    assert.equal((await post("null")).status, 403);
    assert.equal((await post(server.url)).status, 201);
    assert.equal((await post()).status, 200);
    const form = await fetch(url("/upload"), {
      method: "POST",
      headers: { origin: "https://evil.example" },
      body: new FormData(),
    });
    assert.equal(form.status, 403);
  });

  test("the MCP endpoint refuses any other Origin, even on GET", async () => {
    const init = (origin?: string) =>
      fetch(url("/mcp"), {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          ...(origin ? { origin } : {}),
        },
        body: JSON.stringify({
          jsonrpc: "2.0",
          id: 1,
          method: "initialize",
          params: {
            protocolVersion: "2025-06-18",
            capabilities: {},
            clientInfo: { name: "t", version: "1" },
          },
        }),
      });
    assert.equal((await init("https://evil.example")).status, 403);
    assert.equal((await fetch(url("/mcp"), { headers: { origin: "https://evil.example" } })).status, 403);
    assert.equal((await init(server.url)).status, 200);
    assert.equal((await init()).status, 200);
  });

  test("Analyze again repeats the stored analysis' team names, not the last upload's", async () => {
    const transcript = samCall("reanalyze");
    const put = async (internal: string[]) => {
      const res = await fetch(url("/api/calls"), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ transcript, file_name: "reanalyze.txt", internal }),
      });
      return res.json();
    };
    const withNames = await put(["Sam Ortiz"]);
    assert.equal(withNames.summary.claims, 3);
    const without = await put([]);
    assert.equal(without.summary.claims, 0);
    assert.ok(without.warnings.some((w: string) => /no speaker is known to be on your team/.test(w)));
    // The same bytes with names again: the first analysis is current again (a cache hit).
    const again = await put(["Sam Ortiz"]);
    assert.equal(again.cached, true);
    assert.equal(again.summary.claims, 3);
    const res = await fetch(url(`/api/calls/${again.call_id}/analyze`), { method: "POST" });
    const body = await res.json();
    assert.equal(res.status, 200);
    assert.equal(body.summary.claims, 3);
    assert.equal(body.analysis.id, withNames.analysis.id);
  });

  test("the API's HTML report allows its own <style> by hash and has no style attributes", async () => {
    const list = await (await fetch(url("/api/calls"))).json();
    const res = await fetch(url(`/api/calls/${list.calls[0].id}/report?format=html`));
    const html = await res.text();
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? "";
    const { createHash } = await import("node:crypto");
    const hash = createHash("sha256").update(css).digest("base64");
    assert.match(
      res.headers.get("content-security-policy") ?? "",
      new RegExp(`style-src 'self' 'sha256-${hash.replace(/[+/]/g, "\\$&")}'`),
    );
    assert.doesNotMatch(html, /\sstyle="/);
    assert.match(html, /<details><summary>Evidence \(\d+\)<\/summary>/);
    assert.doesNotMatch(html, /<details open>/);
  });
});

describe("serve with an API key: login redirect", () => {
  let home: string;
  let server: RunningServe;
  const KEY = "rough-edges-key-0123456789";
  before(async () => {
    home = await makeHome("cc-rough-key-");
    server = await startCliServer(["serve"], home, { CALL_COACH_API_KEY: KEY });
  });
  after(async () => {
    await server.stop();
    removeHome(home);
  });

  for (const [next, expected] of [
    ["/\\evil.example", "/"],
    ["//evil.example", "/"],
    ["/\t/evil.example", "/"],
    ["https://evil.example/", "/"],
    ["/calls?q=x", "/calls?q=x"],
  ] as const) {
    test(`POST /login with next=${JSON.stringify(next)} redirects to ${expected}`, async () => {
      const res = await raw(`${server.url}/login`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ key: KEY, next }).toString(),
      });
      assert.equal(res.status, 303);
      assert.equal(res.headers.location, expected);
    });
  }
});

describe("serve on 0.0.0.0", () => {
  test("without CALL_COACH_API_KEY it warns, and it still answers only this machine's host names", async () => {
    const home = await makeHome("cc-open-");
    const child = spawn(process.execPath, [CLI, "serve", "--host", "0.0.0.0", "--port", "0"], {
      cwd: ROOT,
      env: childEnv(home),
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    try {
      const port = await new Promise<string>((resolve, reject) => {
        child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
          stderr += chunk;
          const m = /serving on http:\/\/0\.0\.0\.0:(\d+)/.exec(stderr);
          if (m) resolve(m[1]!);
        });
        child.once("exit", () => reject(new Error(stderr)));
      });
      assert.match(stderr, /warning: listening on 0\.0\.0\.0 without CALL_COACH_API_KEY/);
      const get = (host: string) => raw(`http://127.0.0.1:${port}/health`, { headers: { host } });
      assert.equal((await get(`127.0.0.1:${port}`)).status, 200);
      assert.equal((await get(`localhost:${port}`)).status, 200);
      const rebound = await get(`attacker.example:${port}`);
      assert.equal(rebound.status, 403);
      assert.match(rebound.body, /forbidden_host/);
    } finally {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      removeHome(home);
    }
  });
});
