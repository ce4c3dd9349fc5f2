/**
 * `call-coach mcp …`: Call Coach's MCP servers. `mcp docs-server` serves the local knowledge base
 * as a `search_prefect` tool. Other servers join the group through `mcpCommandGroup(program)`.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { loadConfig } from "../../config/env.js";
import { UsageError } from "../../errors.js";
import { openKnowledgeBase, type PageSource } from "../../knowledge/local/knowledge-base.js";
import { ensurePackIndexed } from "../../knowledge/pack/pack-index.js";
import { productHome, productProfile } from "../../product/default.js";
import { serveDocsHttp, serveDocsStdio } from "../mcp/docs-server.js";

/** The `mcp` command group, created on first use so each server's module can add itself. */
export function mcpCommandGroup(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === "mcp") ??
    program.command("mcp").description("Run Call Coach's MCP servers")
  );
}

export function registerMcpCommand(program: Command): Command {
  const group = mcpCommandGroup(program);
  group
    .command("docs-server")
    .description("Serve the local knowledge base as a search_prefect-compatible docs MCP server")
    .option("--stdio", "serve over stdin/stdout (the default)")
    .option("--port <n>", "serve Streamable HTTP on this port at /mcp (0 picks a free port)")
    .option("--host <address>", "address to listen on with --port", "127.0.0.1")
    .option("--home <dir>", "data folder holding the knowledge base (default: CALL_COACH_HOME)")
    .option("--include-pack", "also serve the bundled knowledge pack, not only synced docs")
    .option("--log-queries <file>", "append every received query to this file (JSON lines)")
    .option("--session-idle <seconds>", "close HTTP sessions idle this long", "1800")
    .action(
      async (options: {
        stdio?: boolean;
        port?: string;
        home?: string;
        host: string;
        includePack?: boolean;
        logQueries?: string;
        sessionIdle: string;
      }) => {
        if (options.stdio && options.port !== undefined)
          throw new UsageError("choose one of --stdio and --port N");
        const port = options.port === undefined ? null : Number(options.port);
        if (port !== null && (!Number.isInteger(port) || port < 0 || port > 65535))
          throw new UsageError(`--port must be an integer from 0 to 65535, got "${options.port}"`);
        const idle = Number(options.sessionIdle);
        if (!Number.isFinite(idle) || idle <= 0)
          throw new UsageError(
            `--session-idle must be a positive number of seconds, got "${options.sessionIdle}"`,
          );
        const queryLog = options.logQueries ? resolve(options.logQueries) : null;
        if (queryLog) writeFileSync(queryLog, "", { flag: "a" });
        const sources: PageSource[] = options.includePack ? ["docs", "pack"] : ["docs"];
        const config = loadConfig();
        const profile = productProfile(config.productDir);
        // The chosen product's knowledge base under the home (each product has its own).
        const kb = openKnowledgeBase(
          productHome(options.home ? resolve(options.home) : config.home, profile),
        );
        if (profile.packDir) await ensurePackIndexed(kb, profile.packDir);
        const pages = kb
          .status()
          .sources.filter((x) => sources.includes(x.source as PageSource))
          .reduce((n, x) => n + x.pages, 0);
        if (pages === 0) {
          process.stderr.write(
            `call-coach: ${kb.path} has no synced docs to serve; run \`call-coach docs sync\` first (or pass --include-pack)\n`,
          );
        }
        const served = { sources, queryLog };
        if (port === null) {
          process.stderr.write("call-coach docs MCP server on stdio\n");
          try {
            await serveDocsStdio(kb, served);
          } finally {
            kb.close();
          }
          return;
        }
        const server = await serveDocsHttp(kb, {
          ...served,
          host: options.host,
          port,
          sessionIdleMs: idle * 1000,
        });
        process.stderr.write(`call-coach docs MCP server listening on ${server.url}\n`);
        await new Promise<void>((resolveStop) => {
          const stop = () => resolveStop();
          process.once("SIGINT", stop);
          process.once("SIGTERM", stop);
        });
        await server.close();
        kb.close();
      },
    );
  return group;
}
