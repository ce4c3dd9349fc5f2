/**
 * The CLI's one-off `analyze FILE`: the transcript read from files (a Gong export may be two), the
 * report returned, nothing stored. It goes through the same `analyzeParsedCall` as every ingest.
 */
import type { CompetitorDefinition } from "../analyze/competitors.js";
import type { Config } from "../config/env.js";
import type { Call } from "../model/call.js";
import type { Report } from "../model/report.js";
import { parseTranscriptFiles } from "../parse/index.js";
import { openRuntime } from "../pipeline/runtime.js";
import { analyzeParsedCall } from "./analysis.js";

export interface ReadOptions {
  internal: string[];
  companyDomain: string | null;
  /** The call to read when a Gong export holds several. */
  callId: string | null;
}

/** Reads and parses before anything is opened, so bad input fails fast. */
export function readCallFiles(files: string[], options: ReadOptions): Promise<Call> {
  return parseTranscriptFiles(files, options);
}

export interface OneOffAnalyzer {
  analyze(call: Call): Promise<Report>;
  /** Closes the knowledge base and ends any MCP server process it started. */
  close(): Promise<void>;
}

export async function openOneOffAnalyzer(
  config: Config,
  options: { competitors?: CompetitorDefinition[] } = {},
): Promise<OneOffAnalyzer> {
  const runtime = await openRuntime(config);
  return {
    analyze: async (call) => (await analyzeParsedCall(runtime, call, options.competitors)).report,
    close: () => runtime.close(),
  };
}
