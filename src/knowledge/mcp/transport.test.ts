import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadConfig } from "../../config/env.js";
import { UsageError } from "../../errors.js";
import { describeTarget, targetFromConfig } from "./transport.js";

describe("MCP target from configuration", () => {
  it("HTTP: the URL wins over the command; credentials become X-Prefect-Api-* headers", () => {
    const target = targetFromConfig(
      loadConfig({
        PREFECT_MCP_URL: "https://user:pw@mcp.example.test/mcp?token=abc",
        PREFECT_MCP_COMMAND: "prefect-mcp-server",
        PREFECT_API_URL: "https://api.prefect.cloud/api/accounts/a/workspaces/w",
        PREFECT_API_KEY: "pnu_abcdefgh12345678",
      }).mcp,
    );
    assert.equal(target.kind, "http");
    if (target.kind !== "http") return;
    assert.deepEqual(target.headers, {
      "X-Prefect-Api-Url": "https://api.prefect.cloud/api/accounts/a/workspaces/w",
      "X-Prefect-Api-Key": "pnu_abcdefgh12345678",
    });
    assert.equal(
      describeTarget(target),
      "http https://mcp.example.test/mcp",
      "no credentials, no query string",
    );
  });

  it("stdio: splits the command line, quotes respected", () => {
    const target = targetFromConfig(
      loadConfig({ PREFECT_MCP_COMMAND: `"/opt/my tools/server" --flag 'a b'` }).mcp,
    );
    assert.equal(target.kind, "stdio");
    if (target.kind !== "stdio") return;
    assert.equal(target.command, "/opt/my tools/server");
    assert.deepEqual(target.args, ["--flag", "a b"]);
  });

  it("rejects a URL that is not http(s) as bad usage", () => {
    assert.throws(() => targetFromConfig(loadConfig({ PREFECT_MCP_URL: "not a url" }).mcp), UsageError);
    assert.throws(
      () => targetFromConfig(loadConfig({ PREFECT_MCP_URL: "ftp://x/mcp" }).mcp),
      /http\(s\) URL/,
    );
  });

  it("reads the MCP timeouts, budget, cache times and warming switch", () => {
    const mcp = loadConfig({
      PREFECT_MCP_TIMEOUT_MS: "2500",
      PREFECT_MCP_CONNECT_TIMEOUT_MS: "9000",
      CALL_COACH_MCP_BUDGET_MS: "800",
      CALL_COACH_DOCS_CACHE_TTL_S: "60",
      CALL_COACH_DOCS_CACHE_STALE_S: "120",
      CALL_COACH_MCP_WARM_KB: "false",
    }).mcp;
    assert.deepEqual(
      [mcp.timeoutMs, mcp.connectTimeoutMs, mcp.budgetMs, mcp.cacheTtlMs, mcp.cacheStaleMs, mcp.warmLocalKb],
      [2500, 9000, 800, 60_000, 120_000, false],
    );
    assert.throws(
      () => loadConfig({ CALL_COACH_MCP_WARM_KB: "maybe" }),
      /CALL_COACH_MCP_WARM_KB must be true or false/,
    );
  });
});
