#!/usr/bin/env node
/** The `call-coach` command. */
import { Command } from "commander";
import { config as loadDotenv } from "dotenv";
import { takeProductOption } from "./product-option.js";
import { reportError } from "./run.js";

loadDotenv({ quiet: true });

/**
 * Each top-level command registers itself from its own module. Only the module of the command
 * being run is loaded (a command pulls in the pipeline, HTTP server or MCP SDK it needs); help,
 * version and unknown commands load them all so the help lists everything.
 */
const COMMANDS: Record<string, (program: Command) => Promise<unknown>> = {
  analyze: async (p) => (await import("./analyze-command.js")).registerAnalyzeCommand(p),
  docs: async (p) => {
    const docs = (await import("./docs-command.js")).registerDocsCommand(p);
    (await import("./docs-cache-command.js")).registerDocsCacheCommand(docs);
  },
  mcp: async (p) => {
    const mcp = (await import("./mcp-command.js")).registerMcpCommand(p);
    (await import("./mcp-serve-command.js")).registerMcpServe(mcp);
  },
  prefect: async (p) => (await import("./prefect-command.js")).registerPrefectCommand(p),
  insights: async (p) => (await import("./insights-command.js")).registerInsightsCommand(p),
  serve: async (p) => (await import("./serve-command.js")).registerServeCommand(p),
  eval: async (p) => (await import("./eval-command.js")).registerEvalCommand(p),
  gong: async (p) => (await import("./gong-command.js")).registerGongCommand(p),
};

export async function buildProgram(argv: string[] = []): Promise<Command> {
  const program = new Command("call-coach")
    .description("Coach sales reps from call transcripts, grounded in product documentation.")
    .version("0.1.0")
    // Parsed by takeProductOption before commander runs; declared here so --help lists it.
    .option("--product <dir>", "product profile folder (default: the bundled one; or CALL_COACH_PRODUCT)")
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ writeErr: () => {} });
  const name = argv.slice(2).find((a) => !a.startsWith("-"));
  const only = name && name !== "help" ? COMMANDS[name] : undefined;
  if (only) await only(program);
  else for (const register of Object.values(COMMANDS)) await register(program);
  return program;
}

async function main(argv: string[]): Promise<number> {
  try {
    argv = takeProductOption(argv);
    await (await buildProgram(argv)).parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "commander.helpDisplayed" || code === "commander.version") return 0;
    return reportError(err);
  }
}

process.exitCode = await main(process.argv);
