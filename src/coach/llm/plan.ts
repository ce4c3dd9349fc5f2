/**
 * Plans the requests for one call, without sending anything: transcript windows, the report
 * items each window reviews (batched), the excerpts each batch shows, and the summary request.
 * Pure, so tests and the token-cost script see exactly what the coach would send.
 */
import { findNextSteps } from "../../analyze/moments/next-steps.js";
import { sentencesOf } from "../../analyze/moments/sentences.js";
import type { NextStepMoment } from "../../model/moments.js";
import type { Report } from "../../model/report.js";
import type { Observation } from "./answer-schema.js";
import { EvidenceCatalog } from "./evidence-catalog.js";
import {
  type PromptItem,
  renderExcerpts,
  renderItems,
  renderSummaryFacts,
  SUMMARY_TASK,
  type SummaryFacts,
  windowTask,
} from "./prompts.js";
import type { PromptBlock } from "./providers/provider.js";
import { sha256 } from "./result-cache.js";
import type { LlmCoachInput } from "./types.js";
import {
  buildWindows,
  DEFAULT_WINDOW_OPTIONS,
  lineAt,
  ownerWindow,
  renderWindow,
  type TranscriptLine,
  type TranscriptWindow,
  transcriptLines,
  type WindowOptions,
} from "./windows.js";

export interface PlanOptions {
  /** Items per request. */
  batchSize: number;
  window: WindowOptions;
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = { batchSize: 8, window: DEFAULT_WINDOW_OPTIONS };

/** How many retrieved hits per item the model gets to read. */
const EXCERPTS_PER_ITEM = { claim: 5, objection: 4, competitor: 4 } as const;

export interface WindowBatch {
  /** Stable name of the request within the call, e.g. "window:1:0". */
  name: string;
  window: TranscriptWindow;
  items: PromptItem[];
  catalog: EvidenceCatalog;
  withObservations: boolean;
  /** Transcript (cache breakpoint) and items with their excerpts: shared by the request and its repair. */
  context: PromptBlock[];
  task: string;
  maxOutputTokens: number;
}

export interface CallPlan {
  lines: TranscriptLine[];
  windows: TranscriptWindow[];
  batches: WindowBatch[];
  transcriptHash: string;
  nextSteps: NextStepMoment[];
  /** Claims asked about: only those the deterministic judge was unsure of. */
  claimsSent: number;
}

export function planCall(input: LlmCoachInput, options: PlanOptions = DEFAULT_PLAN_OPTIONS): CallPlan {
  const lines = transcriptLines(input.call);
  const windows = lines.length ? buildWindows(lines, options.window) : [];
  const transcriptHash = sha256(
    JSON.stringify([
      input.call.title,
      lines.map((l) => l.rendered),
      input.call.participants.map((p) => [p.name, p.side]),
    ]),
  );
  // Next steps need no product knowledge: the analyze stage's finder, without the rest of it.
  const nextSteps = findNextSteps(sentencesOf(input.call));
  if (!windows.length) return { lines, windows, batches: [], transcriptHash, nextSteps, claimsSent: 0 };

  const items = reportItems(input, lines);
  const byWindow = new Map<number, PromptItem[]>();
  for (const item of items) {
    const w = ownerWindow(windows, item.at_s).index;
    byWindow.set(w, [...(byWindow.get(w) ?? []), item]);
  }
  const batches: WindowBatch[] = [];
  const multi = windows.length > 1;
  for (const window of windows) {
    const owned = (byWindow.get(window.index) ?? []).sort((a, b) => a.at_s - b.at_s);
    // One window: the summary request reads the transcript itself, so no observations are asked.
    if (!owned.length && !multi) continue;
    const groups = owned.length ? chunk(owned, options.batchSize) : [[]];
    groups.forEach((group, b) => {
      batches.push(
        makeBatch(input, window, windows.length, group, multi && b === 0, `window:${window.index}:${b}`),
      );
    });
  }
  return {
    lines,
    windows,
    batches,
    transcriptHash,
    nextSteps,
    claimsSent: items.filter((i) => i.kind === "claim").length,
  };
}

function makeBatch(
  input: LlmCoachInput,
  window: TranscriptWindow,
  windowCount: number,
  group: PromptItem[],
  withObservations: boolean,
  name: string,
): WindowBatch {
  const catalog = new EvidenceCatalog();
  const items = group.map((item) => {
    const hits = (input.evidence[item.id] ?? []).slice(0, EXCERPTS_PER_ITEM[item.kind]);
    return { ...item, evidence: catalog.add(hits, item.text) };
  });
  const context: PromptBlock[] = [{ text: renderWindow(window, windowCount), cache: true }];
  if (items.length) context.push({ text: `${renderItems(items)}\n\n${renderExcerpts(catalog.render())}` });
  return {
    name,
    window,
    items,
    catalog,
    withObservations,
    context,
    task: windowTask(items, withObservations),
    maxOutputTokens: Math.min(16_000, 2_000 + 500 * items.length + (withObservations ? 800 : 0)),
  };
}

/** Report items that have evidence to judge them by; the others keep their deterministic result. */
function reportItems(input: LlmCoachInput, lines: TranscriptLine[]): PromptItem[] {
  const { report, evidence } = input;
  const has = (id: string) => (evidence[id]?.length ?? 0) > 0;
  const line = (t: number) => lineAt(lines, t)?.id ?? "u0";
  const items: PromptItem[] = [];
  const moments = [
    ...report.claims.map((m) => ({ m, kind: "claim" as const })),
    ...report.objections.map((m) => ({ m, kind: "objection" as const })),
  ];
  for (const { m, kind } of moments) {
    if (!has(m.id)) continue;
    // A verdict the deterministic judge is sure of (its calibrated probability cleared the bar) is
    // kept; the model is asked only about the claims it left unverifiable.
    if (kind === "claim" && (input.judgements?.[m.id]?.verdict ?? "unverifiable") !== "unverifiable")
      continue;
    items.push({
      id: m.id,
      kind,
      at_s: m.start_s,
      line: line(m.start_s),
      speaker: m.speaker,
      text: m.text,
      topic: m.topic,
      evidence: [],
    });
  }
  for (const c of report.competitors) {
    const first = c.mentions[0];
    if (!first || !has(c.name)) continue;
    items.push({
      id: c.name,
      kind: "competitor",
      at_s: first.start_s,
      line: line(first.start_s),
      speaker: first.speaker,
      text: first.text,
      topic: null,
      mentions: c.mentions.map((m) => ({
        line: line(m.start_s),
        at_s: m.start_s,
        speaker: m.speaker,
        text: m.text,
      })),
      evidence: [],
    });
  }
  return items;
}

export interface SummaryRequestPlan {
  blocks: PromptBlock[];
  momentIds: Set<string>;
  momentTime: (id: string) => number | undefined;
  maxOutputTokens: number;
}

/** The call-summary request, built from the (already refined) report items. */
export function planSummary(
  plan: CallPlan,
  report: Report,
  observations: Array<Observation & { at_s: number }>,
): SummaryRequestPlan {
  const line = (t: number) => lineAt(plan.lines, t)?.id ?? "u0";
  const facts: SummaryFacts = {
    title: report.call.title,
    durationS: report.call.duration_s,
    participants: report.call.participants.map((p) => ({ name: p.name, side: p.side, title: p.title })),
    metrics: report.metrics,
    claims: report.claims.map((c) => ({
      id: c.id,
      line: line(c.start_s),
      at_s: c.start_s,
      speaker: c.speaker,
      verdict: c.verdict,
      text: c.text,
      correction: c.correction,
    })),
    objections: report.objections.map((o) => ({
      id: o.id,
      line: line(o.start_s),
      at_s: o.start_s,
      speaker: o.speaker,
      topic: o.topic,
      text: o.text,
    })),
    competitors: report.competitors.map((c) => ({
      name: c.name,
      mentions: c.mentions.map((m) => ({ line: line(m.start_s), at_s: m.start_s })),
    })),
    nextSteps: plan.nextSteps.map((n) => ({
      line: line(n.start_s),
      at_s: n.start_s,
      speaker: n.speaker,
      text: n.text,
    })),
    observations,
  };
  const times = new Map<string, number>();
  for (const l of plan.lines) times.set(l.id, l.start_s);
  for (const c of report.claims) times.set(c.id, c.start_s);
  for (const o of report.objections) times.set(o.id, o.start_s);
  const blocks: PromptBlock[] = [];
  // A call that fits one window is cheap to show whole, and its transcript is already cached.
  if (plan.windows.length === 1) blocks.push({ text: renderWindow(plan.windows[0]!, 1), cache: true });
  blocks.push({ text: `${renderSummaryFacts(facts)}\n\n${SUMMARY_TASK}` });
  return {
    blocks,
    momentIds: new Set(times.keys()),
    momentTime: (id) => times.get(id),
    maxOutputTokens: 4_000,
  };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += Math.max(1, size)) out.push(items.slice(i, i + Math.max(1, size)));
  return out;
}
