/**
 * Our docs MCP server (`call-coach mcp docs-server`) and the commands around MCP knowledge
 * (`prefect`, `docs cache`), through the real CLI and real server processes.
 */
import assert from "node:assert/strict";
import { request } from "node:http";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import Database from "better-sqlite3";
import { McpConnection } from "../../src/knowledge/mcp/connection.js";
import type { Report } from "../../src/model/report.js";
import {
  cleanEnv,
  faultServerCommand,
  homeWithFixtureDocs,
  ROOT,
  runCli,
  startDocsServerHttp,
  uniqueMarker,
} from "../support/mcp-helpers.js";

const API_KEY = "pnu_docsservertestkey987654321";
// The bundled example: fault handling needs a real call, not the labeled eval data.
const CALL = join(ROOT, "examples", "halvorsen-discovery.gong.json");
const INTERNAL = "Ingrid Solberg,Dev Malhotra";

let home: { path: string; remove(): void };
let server: Awaited<ReturnType<typeof startDocsServerHttp>>;
before(async () => {
  home = await homeWithFixtureDocs();
  server = await startDocsServerHttp(home.path);
});
after(async () => {
  await server.stop();
  home.remove();
});

const env = (extra: Record<string, string> = {}) =>
  cleanEnv({ CALL_COACH_HOME: home.path, PREFECT_MCP_URL: server.url, PREFECT_API_KEY: API_KEY, ...extra });

describe("call-coach mcp docs-server", () => {
  it("offers search_prefect with the hosted docs server's input schema", async () => {
    const conn = new McpConnection({
      target: { kind: "http", url: new URL(server.url), headers: {} },
      requestTimeoutMs: 5_000,
      connectTimeoutMs: 5_000,
    });
    try {
      const [tool] = await conn.listTools();
      assert.equal(tool?.name, "search_prefect");
      const schema = tool!.inputSchema as {
        required?: string[];
        properties: Record<
          string,
          { type?: string | string[]; minimum?: number; maximum?: number; anyOf?: unknown[] }
        >;
      };
      assert.deepEqual(schema.required, ["query"]);
      assert.equal(schema.properties.query?.type, "string");
      const topK = JSON.stringify(schema.properties.top_k);
      assert.match(topK, /"maximum":20/);
      assert.match(topK, /"minimum":1/);
      assert.match(topK, /null/);

      const ok = await conn.callTool("search_prefect", { query: "kubernetes worker helm", top_k: 2 });
      const payload = ok.structuredContent as {
        query: string;
        namespace: string;
        results: { snippet: string; id: string; score: number; title: string; link: string }[];
      };
      assert.equal(payload.query, "kubernetes worker helm");
      assert.equal(typeof payload.namespace, "string");
      assert.equal(payload.results.length, 2);
      assert.equal(payload.results[0]?.link, "https://docs.prefect.io/v3/concepts/work-pools");
      assert.match(payload.results[0]!.snippet, /Kubernetes worker/);
      assert.deepEqual(
        JSON.parse((ok.content[0] as { text: string }).text),
        payload,
        "text and structured agree",
      );

      const defaults = await conn.callTool("search_prefect", { query: "flows" });
      assert.ok((defaults.structuredContent as { results: unknown[] }).results.length <= 5);

      const empty = await conn.callTool("search_prefect", { query: "  " });
      assert.equal(empty.isError, true);
      assert.match((empty.content[0] as { text: string }).text, /Query must not be empty/);
      const tooMany = await conn.callTool("search_prefect", { query: "flows", top_k: 999 });
      assert.equal(tooMany.isError, true);
    } finally {
      await conn.close();
    }
  });

  it("answers loopback host names only (no DNS rebinding from a web page)", async () => {
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${server.url.replace("/mcp", "/health")}`, { headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on("error", reject);
        req.end();
      });
    const port = new URL(server.url).port;
    assert.equal(await status(`attacker.example:${port}`), 403);
    assert.equal(await status(`localhost:${port}`), 200);
    assert.equal(await status(`127.0.0.1:${port}`), 200);
  });

  it("rejects --stdio together with --port, and a bad port, with exit 2", async () => {
    const both = await runCli(["mcp", "docs-server", "--stdio", "--port", "1"], env());
    assert.equal(both.code, 2);
    assert.match(both.stderr, /^call-coach: choose one of --stdio and --port N\n$/);
    const bad = await runCli(["mcp", "docs-server", "--port", "http"], env());
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--port must be an integer/);
  });
});

describe("call-coach prefect (against the docs server)", () => {
  it("lists the server's tools and searches through its docs tool", async () => {
    const tools = await runCli(["prefect", "tools", "--json"], env());
    assert.equal(tools.code, 0, tools.stderr);
    assert.deepEqual(
      (JSON.parse(tools.stdout) as { name: string }[]).map((t) => t.name),
      ["search_prefect"],
    );
    const search = await runCli(
      ["prefect", "search", "Secret blocks for Jane at jane@acme.com", "--json", "-k", "2"],
      env(),
    );
    assert.equal(search.code, 0, search.stderr);
    const out = JSON.parse(search.stdout) as {
      query: string;
      tool: string;
      results: { url: string; source: string }[];
    };
    assert.equal(out.query, "secret blocks", "names and emails never leave the machine");
    assert.equal(out.tool, "search_prefect");
  });

  it("reports a tool the server lacks in one line, exit 1, and bad input with exit 2", async () => {
    const missing = await runCli(["prefect", "deployments"], env());
    assert.equal(missing.code, 1);
    assert.match(
      missing.stderr,
      /^call-coach: MCP server: http http:\/\/127\.0\.0\.1:\d+\/mcp has no tool "get_deployments"\n$/,
    );
    const badFilter = await runCli(["prefect", "flow-runs", "--filter", "{nope"], env());
    assert.equal(badFilter.code, 2);
    assert.match(badFilter.stderr, /--filter must be a JSON object/);
    const badLimit = await runCli(["prefect", "flows", "--limit", "0"], env());
    assert.equal(badLimit.code, 2);
  });
});

describe("docs cache and the local knowledge base in mcp mode", () => {
  it("a second analysis is answered from the cache; stats count it; clear empties it; no key is stored", async () => {
    await runCli(["docs", "cache", "clear"], env());
    const first = await runCli(
      ["analyze", CALL, "--internal", INTERNAL, "--json"],
      env({ CALL_COACH_KNOWLEDGE: "mcp" }),
    );
    assert.equal(first.code, 0, first.stderr);
    const r1 = JSON.parse(first.stdout) as Report;
    const second = await runCli(
      ["analyze", CALL, "--internal", INTERNAL, "--json"],
      env({ CALL_COACH_KNOWLEDGE: "mcp" }),
    );
    const r2 = JSON.parse(second.stdout) as Report;
    assert.equal(r1.knowledge.cache_hits, 0);
    assert.equal(r2.knowledge.cache_hits, r2.knowledge.queries);
    assert.ok([...r2.claims, ...r2.objections].flatMap((x) => x.evidence).some((e) => e.source === "mcp"));
    assert.deepEqual(r2.claims, r1.claims, "cached answers give the same report");

    const stats = await runCli(["docs", "cache", "stats", "--json"], env());
    const s = JSON.parse(stats.stdout) as { entries: number; counters: { hits: number; misses: number } };
    assert.equal(s.entries, r1.knowledge.queries);
    assert.equal(s.counters.misses, r1.knowledge.queries);
    assert.equal(s.counters.hits, r2.knowledge.queries);
    const text = await runCli(["docs", "cache", "stats"], env());
    assert.match(text.stdout, new RegExp(`Entries: ${s.entries} \\(${s.entries} fresh`));

    const db = new Database(join(home.path, "docs-cache.db"), { readonly: true });
    const rows = db.prepare("SELECT key, source, query, hits FROM docs_cache").all() as Record<
      string,
      string
    >[];
    db.close();
    assert.ok(rows.length > 0);
    assert.ok(rows.every((row) => !Object.values(row).some((v) => String(v).includes(API_KEY))));
    assert.ok(!first.stderr.includes(API_KEY) && !first.stdout.includes(API_KEY));

    const cleared = await runCli(["docs", "cache", "clear", "--json"], env());
    assert.deepEqual(JSON.parse(cleared.stdout), { removed: s.entries });
  });

  it("keeps MCP answers in the local knowledge base, which answers (as local) when MCP is down", async () => {
    const marker = uniqueMarker("warm");
    const warm = await runCli(
      ["analyze", CALL, "--internal", INTERNAL, "--json"],
      env({
        CALL_COACH_KNOWLEDGE: "mcp",
        PREFECT_MCP_URL: "",
        PREFECT_MCP_COMMAND: faultServerCommand("slow", marker),
      }),
    );
    assert.equal(warm.code, 0, warm.stderr);
    const warmed = JSON.parse(warm.stdout) as Report;
    assert.ok(
      [...warmed.claims, ...warmed.objections].flatMap((x) => x.evidence).every((e) => e.source === "mcp"),
    );

    const db = new Database(join(home.path, "knowledge.db"), { readonly: true });
    const pages = db.prepare("SELECT url FROM pages WHERE source = 'mcp'").all() as { url: string }[];
    db.close();
    assert.ok(pages.length > 0 && pages.every((p) => p.url.startsWith("https://docs.example.test/")));

    await runCli(["docs", "cache", "clear"], env());
    const down = await runCli(
      ["analyze", CALL, "--internal", INTERNAL, "--json"],
      env({ CALL_COACH_KNOWLEDGE: "mcp", PREFECT_MCP_URL: "", PREFECT_MCP_COMMAND: "/nonexistent/server" }),
    );
    const r = JSON.parse(down.stdout) as Report;
    const evidence = [...r.claims, ...r.objections].flatMap((x) => x.evidence);
    assert.ok(
      evidence.some((e) => e.url.startsWith("https://docs.example.test/")),
      "learned pages answered",
    );
    assert.ok(
      evidence.every((e) => e.source !== "mcp"),
      "labelled by the source that answered: local",
    );
    assert.equal(r.knowledge.fallbacks, r.knowledge.queries);
  });
});
