import type { Command } from "commander";
import { UsageError } from "../../errors.js";

export function registerAnalyzeCommand(program: Command): void {
  program
    .command("analyze")
    .argument("<file>", "transcript file")
    .action(() => {
      throw new UsageError("analyze: not wired yet");
    });
}
