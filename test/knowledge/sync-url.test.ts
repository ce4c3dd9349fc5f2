/** URL mode against a real HTTP server on 127.0.0.1: llms.txt, pages, failures, ETag/304. */
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { InputError, ServiceError } from "../../src/errors.js";
import { KnowledgeBase } from "../../src/knowledge/local/knowledge-base.js";
import { MAX_PAGE_BYTES } from "../../src/knowledge/local/sync-types.js";
import { syncFromUrl } from "../../src/knowledge/local/sync-url.js";
import { runCliAsync, tempDir } from "../support/cli.js";

interface Route {
  status?: number;
  body?: string | Buffer;
  delayMs?: number;
  etag?: string;
  /** Status codes returned by the first requests before the normal answer (e.g. [500]). */
  failFirst?: number[];
}

let server: Server;
let base = "";
const routes = new Map<string, Route>();
const hits = new Map<string, number>();
const conditional: string[] = [];
let inFlight = 0;
let maxInFlight = 0;

function page(title: string, body: string): string {
  return `# ${title}\n\n${body}\n`;
}

before(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? "/";
    const n = (hits.get(path) ?? 0) + 1;
    hits.set(path, n);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const route = routes.get(path);
    const finish = () => {
      inFlight--;
      if (!route) {
        res.writeHead(404).end("not found");
        return;
      }
      const failure = route.failFirst?.[n - 1];
      if (failure) {
        res.writeHead(failure).end("try again");
        return;
      }
      if (route.etag && req.headers["if-none-match"] === route.etag) {
        conditional.push(path);
        res.writeHead(304, { etag: route.etag }).end();
        return;
      }
      res.writeHead(route.status ?? 200, {
        "content-type": "text/markdown; charset=utf-8",
        ...(route.etag ? { etag: route.etag } : {}),
      });
      res.end(route.body ?? "");
    };
    setTimeout(finish, route?.delayMs ?? 5);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

function reset(): void {
  routes.clear();
  hits.clear();
  conditional.length = 0;
  maxInFlight = 0;
}

function llmsIndex(paths: string[]): string {
  return `# Example docs\n\n> Docs for tests.\n\n## Docs\n\n${paths.map((p) => `- [${p.replace(/\W+/g, " ").trim()}](${base}${p}): a page`).join("\n")}\n`;
}

const fast = { retries: 2, backoffMs: 20, timeoutMs: 2_000 };

test("llms.txt: pages fetched with bounded concurrency; 404 skipped, 500 retried, slow page waited for", async () => {
  reset();
  const pages = Array.from({ length: 12 }, (_, i) => `/docs/page-${i}.md`);
  for (const [i, p] of pages.entries())
    routes.set(p, { body: page(`Page ${i}`, `Page ${i} explains work pools number ${i}.`), delayMs: 30 });
  routes.set("/docs/flaky.md", {
    body: page("Flaky", "Retries with backoff recover from a server error."),
    failFirst: [500],
  });
  routes.set("/docs/slow.md", {
    body: page("Slow", "A slow page still arrives within the timeout."),
    delayMs: 600,
  });
  routes.set("/docs/latin1.md", { body: Buffer.from([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a]) });
  routes.set("/docs/huge.md", { body: `# Huge\n\n${"word ".repeat(MAX_PAGE_BYTES / 4)}` });
  routes.set("/llms.txt", {
    body: llmsIndex([
      ...pages,
      "/docs/flaky.md",
      "/docs/slow.md",
      "/docs/gone.md",
      "/docs/latin1.md",
      "/docs/huge.md",
    ]),
  });

  const kb = new KnowledgeBase(":memory:");
  const progress: number[] = [];
  const summary = await syncFromUrl(kb, {
    url: `${base}/llms.txt`,
    concurrency: 3,
    ...fast,
    onProgress: (done) => progress.push(done),
  });
  assert.equal(summary.added, 14);
  assert.deepEqual(summary.failed, []);
  assert.deepEqual(
    [...summary.skipped].sort((a, b) => a.page.localeCompare(b.page)),
    [
      { page: `${base}/docs/gone.md`, reason: "HTTP 404 (broken link)" },
      { page: `${base}/docs/huge.md`, reason: "larger than 2 MB" },
      { page: `${base}/docs/latin1.md`, reason: "not valid UTF-8" },
    ],
  );
  assert.equal(hits.get("/docs/flaky.md"), 2, "the 500 was retried once");
  assert.ok(maxInFlight <= 3 + 1, `at most 3 page downloads at once (plus the index), saw ${maxInFlight}`);
  assert.equal(progress.at(-1), 17);
  // Public URL: the Markdown variant's .md suffix dropped; the index title is the page title.
  const flaky = kb.search("backoff server error", { topK: 1 })[0];
  assert.equal(flaky?.url, `${base}/docs/flaky`);
  assert.equal(flaky?.title, "docs flaky md");
  kb.close();
});

test("ETag: a second sync sends If-None-Match and keeps pages answered 304; removed links are deleted", async () => {
  reset();
  routes.set("/a.md", { body: page("A", "Alpha page about schedules."), etag: '"a1"' });
  routes.set("/b.md", { body: page("B", "Beta page about automations."), etag: '"b1"' });
  routes.set("/llms.txt", { body: llmsIndex(["/a.md", "/b.md"]) });
  const kb = new KnowledgeBase(":memory:");
  const first = await syncFromUrl(kb, { url: `${base}/llms.txt`, ...fast });
  assert.equal(first.added, 2);

  const second = await syncFromUrl(kb, { url: `${base}/llms.txt`, ...fast });
  assert.deepEqual(conditional.sort(), ["/a.md", "/b.md"]);
  assert.deepEqual([second.added, second.updated, second.unchanged, second.removed], [0, 0, 2, 0]);
  assert.equal(kb.search("alpha schedules", { topK: 1 })[0]?.url, `${base}/a`);

  routes.set("/llms.txt", { body: llmsIndex(["/a.md"]) });
  routes.set("/a.md", { body: page("A", "Alpha page, now about work queues."), etag: '"a2"' });
  const third = await syncFromUrl(kb, { url: `${base}/llms.txt`, ...fast });
  assert.deepEqual([third.added, third.updated, third.unchanged, third.removed], [0, 1, 0, 1]);
  assert.equal(kb.search("beta automations", { topK: 3 }).length, 0);
  kb.close();
});

test("a page that keeps failing is reported as failed and its previous copy is kept", async () => {
  reset();
  routes.set("/a.md", { body: page("A", "Alpha page about variables.") });
  routes.set("/llms.txt", { body: llmsIndex(["/a.md"]) });
  const kb = new KnowledgeBase(":memory:");
  await syncFromUrl(kb, { url: `${base}/llms.txt`, ...fast });
  routes.set("/a.md", { body: "", failFirst: [503, 503, 503, 503] });
  const summary = await syncFromUrl(kb, { url: `${base}/llms.txt`, ...fast });
  assert.equal(summary.failed.length, 1);
  assert.match(summary.failed[0]!.reason, /HTTP 503 after 3 attempts/);
  assert.equal(summary.removed, 0);
  assert.equal(kb.search("alpha variables", { topK: 1 })[0]?.url, `${base}/a`);
  kb.close();
});

test("a page slower than the timeout fails after retries without stalling the sync", async () => {
  reset();
  routes.set("/a.md", { body: page("A", "Arrives.") });
  routes.set("/stuck.md", { body: page("Stuck", "Never in time."), delayMs: 4_000 });
  routes.set("/llms.txt", { body: llmsIndex(["/a.md", "/stuck.md"]) });
  const kb = new KnowledgeBase(":memory:");
  const summary = await syncFromUrl(kb, {
    url: `${base}/llms.txt`,
    retries: 1,
    backoffMs: 10,
    // Far from both: /a.md answers at once even on a busy machine, /stuck.md never in time.
    timeoutMs: 1_000,
  });
  assert.equal(summary.added, 1);
  assert.deepEqual(summary.failed, [{ page: `${base}/stuck.md`, reason: "timed out after 2 attempts" }]);
  kb.close();
});

test("llms-full.txt: one file split into pages on their Source lines", async () => {
  reset();
  routes.set("/llms-full.txt", {
    body: `# Flows\nSource: https://docs.example.com/v3/concepts/flows\n\nFlows are decorated Python functions.\n\n## Subflows\n\nA nested flow run cannot be cancelled without its parent.\n\n# Tasks\nSource: https://docs.example.com/v3/concepts/tasks.md\n\nTasks are retryable units of work.\n`,
  });
  const kb = new KnowledgeBase(":memory:");
  const summary = await syncFromUrl(kb, { url: `${base}/llms-full.txt`, ...fast });
  assert.equal(summary.added, 2);
  const hit = kb.search("nested cancelled parent", { topK: 1 })[0];
  assert.equal(hit?.url, "https://docs.example.com/v3/concepts/flows");
  assert.equal(hit?.section, "Subflows");
  assert.equal(kb.search("retryable", { topK: 1 })[0]?.url, "https://docs.example.com/v3/concepts/tasks");
  kb.close();
});

test("an unreachable index or one without links is an error, and nothing is written", async () => {
  reset();
  routes.set("/empty.txt", { body: "# Nothing here\n\nNo links at all.\n" });
  const kb = new KnowledgeBase(":memory:");
  await assert.rejects(syncFromUrl(kb, { url: `${base}/missing/llms.txt`, ...fast }), ServiceError);
  await assert.rejects(syncFromUrl(kb, { url: `${base}/empty.txt`, ...fast }), InputError);
  await assert.rejects(syncFromUrl(kb, { url: "ftp://example.com/llms.txt" }), /http/);
  assert.equal((kb.db.prepare("SELECT COUNT(*) AS n FROM pages").get() as { n: number }).n, 0);
  kb.close();
});

test("CLI: docs sync --from-url against the local server, then docs search --json", async () => {
  reset();
  routes.set("/k8s.md", {
    body: page("Run on Kubernetes", "Deploy the worker with Helm into your Kubernetes cluster."),
  });
  routes.set("/llms.txt", { body: llmsIndex(["/k8s.md", "/missing.md"]) });
  const home = tempDir();
  const sync = await runCliAsync(["docs", "sync", "--from-url", `${base}/llms.txt`, "--json"], {
    CALL_COACH_HOME: home,
  });
  assert.equal(sync.status, 0, sync.stderr);
  const summary = JSON.parse(sync.stdout);
  assert.equal(summary.added, 1);
  assert.equal(summary.skipped.length, 1);
  const search = await runCliAsync(["docs", "search", "k8s helm", "--json"], { CALL_COACH_HOME: home });
  assert.equal(search.status, 0, search.stderr);
  const results = JSON.parse(search.stdout);
  assert.equal(results[0].url, `${base}/k8s`);
  assert.deepEqual(Object.keys(results[0]).sort(), ["score", "section", "snippet", "source", "title", "url"]);
});
