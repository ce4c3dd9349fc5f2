/**
 * What decides whether a stored analysis can be reused (a cache hit) instead of analyzing again.
 * An analysis is a pure function of four things, each fingerprinted here:
 *
 * - the transcript: SHA-256 of its bytes;
 * - the knowledge: `knowledge version` = mode + a fingerprint of the local knowledge base
 *   (every page's URL and content hash, so a docs sync or a new pack that changes any page
 *   changes it); for `mcp`/`hybrid` the live server may change at any time, so the UTC day is
 *   added and live-docs analyses are reused for at most that day;
 * - the analyzer: `analyzer version` = package version + a hash of the analysis code itself
 *   (parse, analyze, ground, judge, coach, pipeline, report model), so a changed judge is never
 *   served from cache;
 * - the options: internal-speaker hints, company domain, competitor list and LLM provider/model.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { KnowledgeBase } from "../knowledge/local/knowledge-base.js";
import type { KnowledgeMode } from "../model/knowledge.js";

export function sha256(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

export function transcriptHash(bytes: Buffer): string {
  return sha256(bytes);
}

export function knowledgeFingerprint(kb: KnowledgeBase): string {
  const hash = createHash("sha256");
  const rows = kb.db.prepare("SELECT url, content_hash FROM pages ORDER BY url").iterate() as Iterable<{
    url: string;
    content_hash: string;
  }>;
  for (const r of rows) hash.update(r.url).update("\0").update(r.content_hash).update("\n");
  return hash.digest("hex").slice(0, 16);
}

export function knowledgeVersion(mode: KnowledgeMode, kb: KnowledgeBase, now = new Date()): string {
  const base = `${mode}:${knowledgeFingerprint(kb)}`;
  return mode === "local" ? base : `${base}:${now.toISOString().slice(0, 10)}`;
}

// Folders whose code decides what a report says. Interfaces and storage do not.
const ANALYSIS_FOLDERS = [
  "analyze",
  "coach",
  "ground",
  "judge",
  "knowledge",
  "model",
  "parse",
  "pipeline",
  "report",
  "text",
];

let cachedAnalyzerVersion: string | null = null;

export function analyzerVersion(): string {
  if (cachedAnalyzerVersion) return cachedAnalyzerVersion;
  const srcRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
  const hash = createHash("sha256");
  const files: string[] = [];
  const walk = (dir: string) => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(?:js|ts)$/.test(e.name) && !/\.(?:test|d)\.ts$/.test(e.name)) files.push(p);
    }
  };
  for (const folder of ANALYSIS_FOLDERS) walk(join(srcRoot, folder));
  for (const f of files.sort()) hash.update(f.slice(srcRoot.length)).update("\0").update(readFileSync(f));
  cachedAnalyzerVersion = `${packageVersion(srcRoot)}+${hash.digest("hex").slice(0, 12)}`;
  return cachedAnalyzerVersion;
}

function packageVersion(srcRoot: string): string {
  try {
    const pkg = JSON.parse(readFileSync(join(srcRoot, "..", "package.json"), "utf8")) as { version?: string };
    return pkg.version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

export interface AnalysisOptionsFingerprint {
  internal: string[];
  companyDomain: string | null;
  competitors: unknown;
  llm: string | null;
}

export function optionsHash(o: AnalysisOptionsFingerprint): string {
  return sha256(
    JSON.stringify({
      internal: [...o.internal].map((n) => n.trim().toLowerCase()).sort(),
      companyDomain: o.companyDomain,
      competitors: o.competitors ?? null,
      llm: o.llm,
    }),
  ).slice(0, 16);
}

export function cacheKey(parts: {
  callKey: string;
  transcriptHash: string;
  knowledgeVersion: string;
  analyzerVersion: string;
  optionsHash: string;
}): string {
  return sha256(
    [
      parts.callKey,
      parts.transcriptHash,
      parts.knowledgeVersion,
      parts.analyzerVersion,
      parts.optionsHash,
    ].join("\n"),
  );
}
