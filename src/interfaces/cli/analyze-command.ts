/** `call-coach analyze FILE`: parse a transcript, analyze it, print or write the report. */
import { writeFile } from "node:fs/promises";
import { extname } from "node:path";
import type { Command } from "commander";
import { loadCompetitorList } from "../../analyze/competitors.js";
import { loadConfig } from "../../config/env.js";
import { InputError, UsageError } from "../../errors.js";
import { descendantPids, terminate } from "../../knowledge/mcp/process-tree.js";
import type { Report } from "../../model/report.js";
import { productProfile } from "../../product/default.js";
import { renderHtml } from "../../report/html.js";
import { renderMarkdown } from "../../report/markdown.js";
import { type OneOffAnalyzer, openOneOffAnalyzer, readCallFiles } from "../../service/analyze-files.js";
import { addBatchOptions, runBatchIfRequested } from "./batch-command.js";
import { splitNames } from "./options.js";

type OutputFormat = "json" | "markdown" | "html";

export interface AnalyzeOptions {
  internal?: string;
  json?: boolean;
  markdown?: boolean;
  html?: boolean;
  out?: string;
  competitors?: string;
  callId?: string;
}

export function registerAnalyzeCommand(program: Command): void {
  const analyze = program
    .command("analyze")
    .description(
      "Analyze one call transcript (Gong JSON, WebVTT, SRT, plain text or Call Coach JSON); a Gong export split into its two API responses is given as two files",
    )
    .argument("<file...>", "transcript file (or the Gong extensive and transcript files, in either order)")
    .option("--internal <names>", "comma-separated names of internal speakers (your team)")
    .option("--json", "print the JSON report (schema call-coach/report@1)")
    .option("--markdown", "print the Markdown report (the default)")
    .option("--html", "print a self-contained HTML report")
    .option(
      "--out <path>",
      "write the report to a file instead of stdout (format from the flag, else the extension .json/.html/.md)",
    )
    .option(
      "--competitors <file>",
      'JSON competitor list: [{"name", "aliases", "matchCase", "basedOn"}] replaces the product profile list; {"include_defaults": true, "competitors": […]} extends it',
    )
    .option("--call-id <id>", "the call to analyze when a Gong export holds several")
    .action(async (files: string[], options: AnalyzeOptions, command: Command) => {
      if (await runBatchIfRequested(command)) return;
      const format = chooseFormat(options);
      const config = loadConfig();
      const internal = splitNames(options.internal);
      // The list extends (include_defaults) or replaces the product profile's competitors.
      const competitors = options.competitors
        ? await loadCompetitorList(options.competitors, productProfile(config.productDir).competitors)
        : undefined;
      const call = await readCallFiles(files, {
        internal,
        companyDomain: config.companyDomain,
        callId: options.callId ?? null,
      });
      const shown = call.source.path ?? files[0];
      for (const warning of call.warnings)
        process.stderr.write(`call-coach: warning: ${shown}: ${warning}\n`);
      const analyzer = await openOneOffAnalyzer(config, competitors ? { competitors } : {});
      const release = closeOnStopSignal(analyzer);
      try {
        const report = await analyzer.analyze(call);
        const text = render(report, format);
        if (options.out) await writeReport(options.out, text);
        else process.stdout.write(text);
      } finally {
        release();
        await analyzer.close();
      }
    });
  addBatchOptions(analyze);
}

/**
 * SIGTERM/SIGINT while the docs are asked over MCP: Node's default would exit at once and leave
 * the MCP server (and the process uvx starts under it) running. Close the runtime, which ends
 * that process tree, then exit with the signal's conventional code. Returns the unhook.
 */
function closeOnStopSignal(runtime: OneOffAnalyzer): () => void {
  const stop = (signal: NodeJS.Signals) => {
    process.stderr.write(`call-coach: stopped by ${signal}\n`);
    const code = signal === "SIGINT" ? 130 : 143;
    const deadline = setTimeout(() => process.exit(code), 5_000);
    void runtime
      .close()
      .catch(() => {})
      .then(() => terminate(descendantPids(process.pid), 1_000))
      .finally(() => {
        clearTimeout(deadline);
        process.exit(code);
      });
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return () => {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  };
}

async function writeReport(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "its folder does not exist"
        : code === "EISDIR"
          ? "it is a folder"
          : (code ?? "error");
    throw new InputError(`cannot write the report (--out): ${why}`, { file: path });
  }
}

function chooseFormat(options: AnalyzeOptions): OutputFormat {
  const flags = (["json", "markdown", "html"] as const).filter((f) => options[f]);
  if (flags.length > 1)
    throw new UsageError(`choose one of --json, --markdown, --html (got ${flags.join(", ")})`);
  if (flags[0]) return flags[0];
  const ext = options.out ? extname(options.out).toLowerCase() : "";
  if (ext === ".json") return "json";
  if (ext === ".html" || ext === ".htm") return "html";
  return "markdown";
}

export function render(report: Report, format: OutputFormat): string {
  if (format === "json") return `${JSON.stringify(report, null, 2)}\n`;
  if (format === "html") return renderHtml(report);
  return renderMarkdown(report);
}

/** An empty list (`--internal ""`, as scripts pass when they know no names) means no hint. */
