/**
 * `call-coach mcp serve [--stdio | --port N]`: Call Coach's own MCP server (tools analyze_call,
 * validate_claim, search_docs, get_call_report, list_calls, get_rep_insights). Over stdio,
 * stdout carries only the protocol: every log line goes to stderr.
 */
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { Command } from "commander";
import { Hono } from "hono";
import { loadConfig } from "../../config/env.js";
import { UsageError } from "../../errors.js";
import { CallCoachService } from "../../service/call-service.js";
import { isAuthorized } from "../http/auth.js";
import { errorResponse, HttpError } from "../http/errors.js";
import { isLoopback, startServer } from "../http/server.js";
import { handleMcpRequest } from "../mcp/call-coach-http.js";
import { createCallCoachMcpServer } from "../mcp/call-coach-server.js";
import { parsePort, waitForStopSignal } from "./serve-command.js";

export function registerMcpServe(mcp: Command): Command {
  return mcp
    .command("serve")
    .description("Run Call Coach's MCP server over stdio (default) or Streamable HTTP (--port)")
    .option("--stdio", "serve over stdin/stdout (the default)")
    .option("--port <n>", "serve over Streamable HTTP at http://HOST:PORT/mcp")
    .option("--host <address>", "address for --port", "127.0.0.1")
    .action(async (options: { stdio?: boolean; port?: string; host: string }) => {
      if (options.stdio && options.port) throw new UsageError("choose one of --stdio or --port");
      const config = loadConfig();
      const service = await CallCoachService.open(config);
      try {
        if (options.port !== undefined) {
          const port = parsePort(options.port);
          const app = new Hono();
          app.use(async (c, next) => {
            if (
              isLoopback(options.host) &&
              !/^(?:localhost|127\.0\.0\.1|\[::1\])(?::\d+)?$/i.test(c.req.header("host") ?? "")
            )
              return errorResponse(
                c,
                new HttpError(403, "forbidden_host", "Host: only localhost is served", "Host"),
              );
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
          const server = await startServer(app, { port, host: options.host });
          process.stderr.write(`call-coach: MCP server on ${server.url}/mcp\n`);
          await waitForStopSignal();
          await server.close();
        } else {
          const server = createCallCoachMcpServer(service);
          const transport = new StdioServerTransport();
          const closed = new Promise<void>((resolve) => {
            transport.onclose = () => resolve();
            process.stdin.once("end", () => resolve());
          });
          await server.connect(transport);
          process.stderr.write("call-coach: MCP server on stdio\n");
          await Promise.race([closed, waitForStopSignal()]);
          await server.close();
        }
      } finally {
        await service.close();
      }
    });
}
