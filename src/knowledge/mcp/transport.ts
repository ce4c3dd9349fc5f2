/**
 * Where the MCP server is and how to reach it: a stdio command (spawned with a small, explicit
 * environment) or a Streamable HTTP URL (credentials in X-Prefect-Api-* headers).
 */
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { McpConfig } from "../../config/env.js";
import { UsageError } from "../../errors.js";

export type McpTarget =
  | { kind: "stdio"; command: string; args: string[]; env: Record<string, string>; cwd?: string }
  | { kind: "http"; url: URL; headers: Record<string, string> };

export function targetFromConfig(mcp: McpConfig): McpTarget {
  if (mcp.url) {
    let url: URL;
    try {
      url = new URL(mcp.url);
    } catch {
      throw new UsageError(`PREFECT_MCP_URL is not a URL: "${mcp.url}"`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:")
      throw new UsageError(`PREFECT_MCP_URL must be an http(s) URL, got "${url.protocol}"`);
    const headers: Record<string, string> = {};
    if (mcp.apiUrl) headers["X-Prefect-Api-Url"] = mcp.apiUrl;
    if (mcp.apiKey) headers["X-Prefect-Api-Key"] = mcp.apiKey;
    // Self-hosted Prefect servers with basic auth take an auth string instead of a key.
    const authString = mcp.passEnv.PREFECT_API_AUTH_STRING;
    if (authString) headers["X-Prefect-Api-Auth-String"] = authString;
    return { kind: "http", url, headers };
  }
  const [command, ...args] = mcp.command;
  if (!command) throw new UsageError("PREFECT_MCP_COMMAND is empty");
  const env: Record<string, string> = { ...mcp.passEnv };
  if (mcp.apiUrl) env.PREFECT_API_URL = mcp.apiUrl;
  if (mcp.apiKey) env.PREFECT_API_KEY = mcp.apiKey;
  return { kind: "stdio", command, args, env };
}

/** A description safe for logs and cache keys: no headers, no environment, no URL credentials. */
export function describeTarget(target: McpTarget): string {
  if (target.kind === "http") {
    const u = new URL(target.url.href);
    u.username = "";
    u.password = "";
    u.search = "";
    return `http ${u.href}`;
  }
  return `stdio ${[target.command, ...target.args].join(" ")}`;
}

export function createTransport(target: McpTarget): Transport {
  if (target.kind === "http") {
    return new StreamableHTTPClientTransport(target.url, { requestInit: { headers: target.headers } });
  }
  return new StdioClientTransport({
    command: target.command,
    args: target.args,
    env: target.env,
    stderr: "pipe",
    ...(target.cwd ? { cwd: target.cwd } : {}),
  });
}
