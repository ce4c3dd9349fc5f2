/**
 * `call-coach mcp serve [--stdio | --port N]`: Call Coach's own MCP server (tools analyze_call,
 * validate_claim, search_docs, get_call_report, list_calls, get_rep_insights). Over stdio,
 * stdout carries only the protocol: every log line goes to stderr. Analyses run in the worker
 * pool, so the server keeps answering other requests while one runs.
 */
import type { Command } from "commander";
import { Hono } from "hono";
import { loadConfig } from "../../config/env.js";
import { UsageError } from "../../errors.js";
import { isAuthorized } from "../http/auth.js";
import { errorResponse, HttpError } from "../http/errors.js";
import { allowedHosts, hostGuard, originGuard } from "../http/guards.js";
import { startServer } from "../http/server.js";
import { handleMcpRequest } from "../mcp/call-coach-http.js";
import { createCallCoachMcpServer } from "../mcp/call-coach-server.js";
import { MAX_MCP_MESSAGE_BYTES } from "../mcp/limits.js";
import { BoundedStdioServerTransport } from "../mcp/stdio-transport.js";
import { parsePort, waitForStopSignal, warnIfOpen } from "./serve-command.js";
import { openServingService, stopServing } from "./serving.js";

export function registerMcpServe(mcp: Command): Command {
  return mcp
    .command("serve")
    .description("Run Call Coach's MCP server over stdio (default) or Streamable HTTP (--port)")
    .option("--stdio", "serve over stdin/stdout (the default)")
    .option("--port <n>", "serve over Streamable HTTP at http://HOST:PORT/mcp")
    .option("--host <address>", "address for --port", "127.0.0.1")
    .action(async (options: { stdio?: boolean; port?: string; host: string }) => {
      if (options.stdio && options.port) throw new UsageError("choose one of --stdio or --port");
      const port = options.port !== undefined ? parsePort(options.port) : null;
      const config = loadConfig();
      if (port !== null) warnIfOpen(options.host, config.apiKey);
      const service = await openServingService(config);
      let server: { close(): Promise<void> } | null = null;
      try {
        if (port !== null) {
          const app = new Hono();
          app.use(hostGuard(allowedHosts(options.host, config.allowedHosts)));
          app.use(originGuard({ always: () => true }));
          app.use(async (c, next) => {
            if (config.apiKey && !isAuthorized(c, config.apiKey))
              return errorResponse(
                c,
                new HttpError(
                  401,
                  "unauthorized",
                  "Authorization: missing or wrong API key",
                  "Authorization",
                ),
              );
            return next();
          });
          app.all("/mcp", (c) => handleMcpRequest(service, c.req.raw));
          const running = await startServer(app, { port, host: options.host });
          server = running;
          process.stderr.write(`call-coach: MCP server on ${running.url}/mcp\n`);
          await waitForStopSignal();
        } else {
          const mcpServer = createCallCoachMcpServer(service);
          const transport = new BoundedStdioServerTransport(MAX_MCP_MESSAGE_BYTES);
          transport.onerror = (err) => process.stderr.write(`call-coach mcp: ${err.message}\n`);
          const closed = new Promise<void>((resolve) => {
            transport.onclose = () => resolve();
          });
          await mcpServer.connect(transport);
          process.stderr.write("call-coach: MCP server on stdio\n");
          await Promise.race([closed, waitForStopSignal()]);
          await mcpServer.close();
        }
      } finally {
        await stopServing(server, service);
      }
    });
}
