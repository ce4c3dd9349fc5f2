/** MCP settings from the environment: units are named in the errors as the variables name them. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadMcpConfig } from "./mcp.js";

test("the docs cache TTL is read in seconds, and a bad one is refused in seconds", () => {
  assert.equal(loadMcpConfig({ CALL_COACH_DOCS_CACHE_TTL_S: "60" }).cacheTtlMs, 60_000);
  assert.equal(loadMcpConfig({}).cacheTtlMs, 86_400_000);
  assert.throws(
    () => loadMcpConfig({ CALL_COACH_DOCS_CACHE_TTL_S: "-5" }),
    /^UsageError: CALL_COACH_DOCS_CACHE_TTL_S must be a positive number of seconds, got "-5"$/,
  );
  assert.throws(
    () => loadMcpConfig({ PREFECT_MCP_TIMEOUT_MS: "soon" }),
    /PREFECT_MCP_TIMEOUT_MS must be a positive number of milliseconds, got "soon"/,
  );
});
