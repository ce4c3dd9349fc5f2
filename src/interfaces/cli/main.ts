#!/usr/bin/env node
/** The `call-coach` command. Each command group lives in its own module and registers itself here. */
import { Command } from "commander";
import { config as loadDotenv } from "dotenv";
import { registerAnalyzeCommand } from "./analyze-command.js";
import { registerDocsCacheCommand } from "./docs-cache-command.js";
import { registerDocsCommand } from "./docs-command.js";
import { registerInsightsCommand } from "./insights-command.js";
import { registerMcpCommand } from "./mcp-command.js";
import { registerMcpServe } from "./mcp-serve-command.js";
import { registerPrefectCommand } from "./prefect-command.js";
import { reportError } from "./run.js";
import { registerServeCommand } from "./serve-command.js";

loadDotenv({ quiet: true });

export function buildProgram(): Command {
  const program = new Command("call-coach")
    .description("Coach sales reps from call transcripts, grounded in product documentation.")
    .version("0.1.0")
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ writeErr: () => {} });
  registerAnalyzeCommand(program);
  registerDocsCacheCommand(registerDocsCommand(program));
  registerMcpServe(registerMcpCommand(program));
  registerPrefectCommand(program);
  registerInsightsCommand(program);
  registerServeCommand(program);
  return program;
}

async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "commander.helpDisplayed" || code === "commander.version") return 0;
    return reportError(err);
  }
}

process.exitCode = await main(process.argv);
