/**
 * Parse + analyze cost against speaker count and file size (issue 12: "work without bounds").
 * Each point runs in a fresh process (bench/support/parse-child.mjs, on dist/) so its peak RSS is
 * its own. Growth is near-linear when the cost per speaker (or per MB) at the largest point stays
 * within 2× of the smallest; the targets below check that, and peak RSS of a 10 MB file.
 * - speakers: a timed text transcript, one line per speaker ("[hh:mm:ss] Name: text");
 * - size: a two-speaker untimed "Name: text" transcript of 1, 5 and 10 MB;
 * - bounded validation: invalid Call Coach JSON with 200,000 invalid utterances, time to refusal.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseTranscript } from "../src/parse/index.js";
import type { BenchResult } from "./run.js";

const CHILD = join(import.meta.dirname, "support", "parse-child.mjs");

interface ChildResult {
  parseMs: number;
  analyzeMs: number;
  maxRssMb: number;
  utterances: number;
  participants: number;
}

function runChild(file: string, internal: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CHILD, file, internal], { maxBuffer: 1 << 20 }, (err, out, stderr) => {
      if (err) reject(new Error(`parse-child failed: ${stderr.split("\n")[0]}`));
      else resolve(JSON.parse(out) as ChildResult);
    });
  });
}

const clock = (s: number) =>
  [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60].map((n) => String(n).padStart(2, "0")).join(":");

/** "Ana Bcd": distinct names from a number ("Speaker N" labels allow only three digits). */
function name(i: number): string {
  let s = "";
  let k = i;
  do {
    s = String.fromCharCode(97 + (k % 26)) + s;
    k = Math.floor(k / 26);
  } while (k > 0);
  return `Ana B${s}`;
}

function speakersTranscript(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++)
    lines.push(
      `[${clock(i)}] ${name(i)}: We moved the nightly jobs to a new scheduler, and retries are manual.`,
    );
  return `${lines.join("\n")}\n`;
}

const REP =
  "Prefect retries failed tasks automatically when you set retries on the task, and a failed flow run can trigger an automation.";
const PROSPECT = "We run most pipelines on Airflow today and nobody hears about failures until the morning.";

function sizedTranscript(bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = i % 2 ? `Riley Chen: ${PROSPECT}` : `Jordan Avery: ${REP}`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join("\n")}\n`;
}

export async function run(): Promise<BenchResult[]> {
  const dir = await mkdtemp(join(tmpdir(), "cc-bench-scale-"));
  const results: BenchResult[] = [];
  try {
    const speakerPoints: { n: number; ms: number; r: ChildResult }[] = [];
    for (const n of [1_000, 10_000, 100_000]) {
      const file = join(dir, `speakers-${n}.txt`);
      await writeFile(file, speakersTranscript(n));
      const r = await runChild(file, name(0));
      speakerPoints.push({ n, ms: r.parseMs + r.analyzeMs, r });
    }
    const perSpeaker = speakerPoints.map((p) => (p.ms * 1000) / p.n);
    const speakerGrowth = perSpeaker.at(-1)! / perSpeaker[0]!;
    for (const [i, p] of speakerPoints.entries()) {
      results.push({
        name: `parse + analyze, ${p.n.toLocaleString("en-US")} speakers (one line each)`,
        value: round(p.ms),
        unit: "ms",
        note: `parse ${round(p.r.parseMs)} ms + analyze ${round(p.r.analyzeMs)} ms; ${round(perSpeaker[i]!)} µs per speaker; ${p.r.participants} participants; peak RSS ${Math.round(p.r.maxRssMb)} MB`,
      });
    }
    results.push({
      name: "speakers: cost per speaker at 100k ÷ at 1k",
      value: round(speakerGrowth),
      unit: "×",
      target: "≤ 2 (near-linear)",
      pass: speakerGrowth <= 2,
    });

    const sizePoints: { mb: number; ms: number; r: ChildResult }[] = [];
    for (const mb of [1, 5, 10]) {
      const file = join(dir, `two-speakers-${mb}mb.txt`);
      await writeFile(file, sizedTranscript(mb * 2 ** 20));
      const r = await runChild(file, "Jordan Avery");
      sizePoints.push({ mb, ms: r.parseMs + r.analyzeMs, r });
    }
    const perMb = sizePoints.map((p) => p.ms / p.mb);
    const sizeGrowth = perMb.at(-1)! / perMb[0]!;
    for (const [i, p] of sizePoints.entries()) {
      results.push({
        name: `parse + analyze, two speakers, ${p.mb} MB text`,
        value: round(p.ms),
        unit: "ms",
        note: `parse ${round(p.r.parseMs)} ms + analyze ${round(p.r.analyzeMs)} ms; ${round(perMb[i]!)} ms per MB; ${p.r.utterances} utterances`,
      });
    }
    results.push({
      name: "size: cost per MB at 10 MB ÷ at 1 MB",
      value: round(sizeGrowth),
      unit: "×",
      target: "≤ 2 (near-linear)",
      pass: sizeGrowth <= 2,
    });
    const tenMb = sizePoints.at(-1)!.r.maxRssMb;
    results.push({
      name: "peak RSS, parse + analyze of the 10 MB text (whole process)",
      value: Math.round(tenMb),
      unit: "MB",
      target: "≤ 500 MB",
      pass: tenMb <= 500,
      note: "fresh Node process on dist/; includes Node's own ~45 MB",
    });

    const bad = {
      participants: [{ id: "a", name: "Ana" }],
      utterances: Array.from({ length: 200_000 }, () => ({ speakerId: "a", start_s: "x", end_s: -1 })),
    };
    const json = JSON.stringify(bad);
    const start = performance.now();
    let message = "";
    try {
      parseTranscript(json, { fileName: "bad.json" });
    } catch (err) {
      message = (err as Error).message;
    }
    const refuseMs = performance.now() - start;
    results.push({
      name: "invalid Call Coach JSON, 200,000 invalid utterances: time to refusal",
      value: round(refuseMs),
      unit: "ms",
      target: "≤ 1000 ms",
      pass: refuseMs <= 1000 && message.includes("utterances[0]"),
      note: `${(json.length / 2 ** 20).toFixed(1)} MB; JSON.parse included; "${message.replace(/^bad\.json /, "").slice(0, 70)}"`,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return results;
}

const round = (n: number) => Math.round(n * 10) / 10;
