/** `call-coach serve [--port N] [--host H]`: API + web UI + MCP (Streamable HTTP at /mcp) in one process. */
import type { Command } from "commander";
import { loadConfig } from "../../config/env.js";
import { UsageError } from "../../errors.js";
import { createHttpApp } from "../http/app.js";
import { allowedHosts, isLoopback } from "../http/guards.js";
import { startServer } from "../http/server.js";
import { openServingService, stopServing } from "./serving.js";

export const DEFAULT_PORT = 8787;

export function parsePort(value: string, flag = "--port"): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`${flag} must be a port number from 0 to 65535, got "${value}"`);
  return port;
}

export function registerServeCommand(program: Command): Command {
  return program
    .command("serve")
    .description("Serve the HTTP API, the web UI and the MCP server (at /mcp) in one process")
    .option("--port <n>", `port to listen on (0 picks a free one)`, String(DEFAULT_PORT))
    .option("--host <address>", "address to listen on (127.0.0.1: this machine only)", "127.0.0.1")
    .option(
      "--gong-sync-every <interval>",
      "sync calls from Gong on a timer (e.g. 15m, 1h); see docs/gong.md",
    )
    .action(async (options: { port: string; host: string; gongSyncEvery?: string }) => {
      const port = parsePort(options.port);
      const config = loadConfig();
      // Gong settings are checked before anything starts: a bad one is one line and exit 2.
      const gong = options.gongSyncEvery ? await loadGongSchedule(options.gongSyncEvery) : null;
      warnIfOpen(options.host, config.apiKey);
      const service = await openServingService(config);
      const scheduler = gong ? new gong.GongScheduler(service, gong.config, gong.everyMs) : null;
      const app = createHttpApp(service, {
        apiKey: config.apiKey,
        allowedHosts: allowedHosts(options.host, config.allowedHosts),
        gong: scheduler,
      });
      let server: Awaited<ReturnType<typeof startServer>>;
      try {
        server = await startServer(app, { port, host: options.host });
      } catch (err) {
        await service.close();
        throw err;
      }
      process.stderr.write(
        `call-coach: serving on ${server.url} (web UI /, API /api, MCP /mcp, health /health)${config.apiKey ? ", API key required" : ""}\n`,
      );
      scheduler?.start();
      await waitForStopSignal();
      // No new sync starts, and a running one ends, before the workers and the store close.
      await scheduler?.stop();
      await stopServing(server, service);
    });
}

async function loadGongSchedule(every: string) {
  const { parseInterval, GongScheduler } = await import("../../sources/gong/scheduler.js");
  const { loadGongConfig } = await import("../../sources/gong/config.js");
  const everyMs = parseInterval(every);
  return { everyMs, config: loadGongConfig(), GongScheduler };
}

/** Listening beyond this machine with no key serves every call to anyone who can reach the port. */
export function warnIfOpen(host: string, apiKey: string | null): void {
  if (isLoopback(host) || apiKey) return;
  process.stderr.write(
    `call-coach: warning: listening on ${host} without CALL_COACH_API_KEY: anyone who can reach this port can read and upload calls; set CALL_COACH_API_KEY\n`,
  );
}

/** Resolves on SIGINT or SIGTERM, so the store is closed cleanly before exit. */
export function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
