/** `call-coach eval DIR`: analyze and score a folder of labeled calls with the configured setup. */
import type { Command } from "commander";
import { loadConfig } from "../../config/env.js";
import { evaluateLabeledCalls } from "../../evaluate/labeled-calls.js";
import { figuresLine } from "../../evaluate/score.js";
import { openRuntime } from "../../pipeline/runtime.js";

export function registerEvalCommand(program: Command): void {
  program
    .command("eval")
    .description(
      "Analyze every labeled call in DIR (*.labels.json beside its transcript, the shared eval format) with the configured knowledge source and LLM, and print the scores",
    )
    .argument("<dir>", "folder of labeled calls")
    .option("--verbose", "list every miss, wrong verdict and missing citation")
    .option("--json", "print the figures as one JSON object")
    .action(async (dir: string, options: { verbose?: boolean; json?: boolean }) => {
      const runtime = await openRuntime(loadConfig());
      try {
        const { results, score } = await evaluateLabeledCalls(dir, () => ({
          knowledge: runtime.gateway(),
          profile: runtime.profile,
          judge: runtime.judge,
          llm: runtime.llm,
        }));
        const failed = results.filter((r) => r.error);
        for (const r of failed) process.stderr.write(`call-coach: eval: ${r.labels.call}: ${r.error}\n`);
        if (options.json) {
          process.stdout.write(
            `${JSON.stringify({ calls: results.length, failed: failed.length, ...score.figures })}\n`,
          );
          return;
        }
        if (options.verbose) for (const m of score.misses) process.stdout.write(`${m}\n`);
        const llm = results.map((r) => r.report?.llm).filter(Boolean).length;
        process.stdout.write(
          `calls: ${results.length}${failed.length ? ` (${failed.length} failed)` : ""}; knowledge: ${runtime.config.knowledgeMode}${llm ? `; llm on ${llm} calls` : ""}\n`,
        );
        process.stdout.write(`${figuresLine(score.figures)}\n`);
      } finally {
        await runtime.close();
      }
    });
}
