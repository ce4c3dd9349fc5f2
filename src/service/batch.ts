/**
 * Batch analysis: many transcripts into the call store with bounded concurrency. Each call is
 * stored in its own transaction as soon as it is analyzed, so an interrupted batch keeps what it
 * finished and a rerun skips it (a cache hit: same transcript, same knowledge, same analyzer).
 * One bad file never stops the batch: it is recorded and reported at the end.
 */
import { open, stat } from "node:fs/promises";
import { resolve } from "node:path";
import pLimit from "p-limit";
import { glob, isDynamicPattern } from "tinyglobby";
import { InputError } from "../errors.js";
import { MAX_TRANSCRIPT_BYTES } from "../parse/index.js";
import { redactSecrets } from "../security/redact.js";
import type { CallCoachService } from "./call-service.js";

export const TRANSCRIPT_EXTENSIONS = [".json", ".vtt", ".srt", ".txt"];

export type BatchStatus = "analyzed" | "cached" | "failed";

export interface BatchItem {
  file: string;
  status: BatchStatus;
  call_id: string | null;
  title: string | null;
  claims: number;
  contradicted: number;
  objections: number;
  competitors: number;
  duration_ms: number;
  error: string | null;
  /** What the parser warned about (no speaker known to be on the team, times estimated, …). */
  warnings: string[];
}

export interface BatchSummary {
  total: number;
  analyzed: number;
  cached: number;
  failed: number;
  duration_ms: number;
  items: BatchItem[];
}

export interface BatchOptions {
  concurrency: number;
  internal?: string[];
  onItem?: (item: BatchItem, done: number, total: number) => void;
}

/** Files named by directories (searched recursively for transcript extensions), globs and paths. */
export async function collectTranscriptFiles(targets: string[], cwd = process.cwd()): Promise<string[]> {
  const found = new Set<string>();
  for (const target of targets) {
    const info = await stat(resolve(cwd, target)).catch(() => null);
    if (info?.isDirectory()) {
      const files = await glob(
        TRANSCRIPT_EXTENSIONS.map((e) => `**/*${e}`),
        { cwd: resolve(cwd, target), absolute: true, dot: false, followSymbolicLinks: false },
      );
      for (const f of files) found.add(resolve(f));
    } else if (info?.isFile()) {
      found.add(resolve(cwd, target));
    } else if (isDynamicPattern(target)) {
      for (const f of await glob(target, { cwd, absolute: true, onlyFiles: true })) found.add(resolve(f));
    } else {
      throw new InputError("no such file or directory", { file: target });
    }
  }
  return [...found].sort();
}

export async function runBatch(
  service: CallCoachService,
  files: string[],
  options: BatchOptions,
): Promise<BatchSummary> {
  const started = performance.now();
  const limit = pLimit(options.concurrency);
  let done = 0;
  const items = await Promise.all(
    files.map((file) =>
      limit(async (): Promise<BatchItem> => {
        const item = await analyzeOne(service, file, options.internal ?? []);
        done++;
        options.onItem?.(item, done, files.length);
        return item;
      }),
    ),
  );
  const count = (s: BatchStatus) => items.filter((i) => i.status === s).length;
  return {
    total: items.length,
    analyzed: count("analyzed"),
    cached: count("cached"),
    failed: count("failed"),
    duration_ms: Math.round(performance.now() - started),
    items,
  };
}

async function analyzeOne(service: CallCoachService, file: string, internal: string[]): Promise<BatchItem> {
  const started = performance.now();
  const base: BatchItem = {
    file,
    status: "failed",
    call_id: null,
    title: null,
    claims: 0,
    contradicted: 0,
    objections: 0,
    competitors: 0,
    duration_ms: 0,
    error: null,
    warnings: [],
  };
  try {
    const bytes = await readTranscript(file);
    const result = await service.ingest({ transcript: bytes, fileName: file, internal });
    const r = result.report;
    return {
      ...base,
      status: result.cached ? "cached" : "analyzed",
      call_id: result.callId,
      title: r.call.title,
      claims: r.claims.length,
      contradicted: r.claims.filter((c) => c.verdict === "contradicted").length,
      objections: r.objections.length,
      competitors: r.competitors.length,
      duration_ms: Math.round(performance.now() - started),
      warnings: result.warnings,
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const located = message.includes(file) ? message : `${file}: ${message}`;
    return {
      ...base,
      error: redactSecrets(located.split("\n")[0] ?? ""),
      duration_ms: Math.round(performance.now() - started),
    };
  }
}

async function readTranscript(file: string): Promise<Buffer> {
  const handle = await open(file, "r").catch((err: NodeJS.ErrnoException) => {
    throw new InputError(`cannot read file (${err.code ?? "error"})`, { file });
  });
  try {
    const { size } = await handle.stat();
    if (size > MAX_TRANSCRIPT_BYTES)
      throw new InputError(`file is over ${MAX_TRANSCRIPT_BYTES / 2 ** 20} MB`, { file });
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
