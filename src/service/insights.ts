/**
 * Team and rep insights over the stored calls (each call's current analysis):
 * - metric averages and their weekly trend (weeks start on Monday, by the call's date);
 * - the product claims most often wrong, by topic, with the right answer from the docs;
 * - the objections most often left unanswered, by topic (see objection-answers.ts for the rule);
 * - competitor mention counts.
 * With a rep, calls are those the rep took part in and wrong claims are the rep's own; the
 * `team` block always covers every call in the window, as the baseline to compare with.
 */
import { InputError } from "../errors.js";
import type { CallStore } from "../storage/call-store.js";
import type { RepRecord } from "../storage/reps.js";
import { round } from "../text/numbers.js";

export interface InsightsFilter {
  /** Rep email or name. */
  rep?: string | null;
  /** ISO date (YYYY-MM-DD) or date-time: calls on or after it. */
  since?: string | null;
}

export const METRIC_NAMES = [
  "talk_ratio_internal",
  "longest_monologue_s",
  "longest_customer_story_s",
  "interactivity",
  "patience_s",
  "questions_internal",
  "questions_external",
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];
export type MetricAverages = Record<MetricName, number>;

export interface ClaimCounts {
  total: number;
  supported: number;
  contradicted: number;
  unverifiable: number;
}

export interface TrendPoint {
  /** Monday of the week, YYYY-MM-DD. */
  week: string;
  calls: number;
  metrics: MetricAverages;
  claims: number;
  contradicted: number;
}

export interface GroupInsights {
  calls: number;
  metrics: MetricAverages | null;
  /** Last week's average minus the first week's, per metric (null with fewer than two weeks). */
  change: MetricAverages | null;
  trend: TrendPoint[];
  claims: ClaimCounts;
}

export interface RepInsights extends GroupInsights {
  id: number;
  name: string;
  email: string | null;
  /** The rep's speaking time on their calls, in seconds, and as a share of all speech on them. */
  talk_s: number;
  talk_share: number;
}

export interface WrongClaimTopic {
  topic: string;
  count: number;
  calls: number;
  reps: string[];
  example: { call_id: string; claim_id: string; speaker: string; start_s: number; text: string };
  /** The correction the judge gave (quoting the docs), from the most recent wrong claim. */
  right_answer: string | null;
  evidence: { title: string; url: string } | null;
}

export interface ObjectionTopicStats {
  topic: string;
  total: number;
  answered: number;
  deferred: number;
  unanswered: number;
  /** Objections on calls whose team speakers are unknown: not counted either way. */
  unknown: number;
  /** (unanswered + deferred) / (answered + unanswered + deferred): share not answered on the call. */
  unanswered_rate: number;
  examples: { call_id: string; speaker: string; start_s: number; text: string; status: string }[];
  suggested_response: string;
}

export interface CompetitorCount {
  name: string;
  mentions: number;
  calls: number;
  by_customer: number;
  by_team: number;
}

export interface Insights {
  schema: "call-coach/insights@1";
  generated_at: string;
  filter: { rep: string | null; since: string | null };
  team: GroupInsights & { reps: number };
  reps: RepInsights[];
  wrong_claims: WrongClaimTopic[];
  unanswered_objections: ObjectionTopicStats[];
  competitors: CompetitorCount[];
}

const TOP = 10;

/** YYYY-MM-DD or a full ISO date-time; anything else is bad input naming the field. */
export function parseSince(value: string, field = "since"): string {
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))) return v;
  if (/^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v))) return new Date(v).toISOString();
  throw new InputError(`must be a date like 2025-01-31, got "${value}"`, { field });
}

export function computeInsights(store: CallStore, filter: InsightsFilter = {}): Insights {
  const db = store.db;
  const since = filter.since ?? null;
  let selected: RepRecord[] | null = null;
  if (filter.rep?.trim()) {
    selected = store.findReps(filter.rep);
    if (!selected.length) throw new InputError(`no rep matches "${filter.rep}"`, { field: "rep" });
  }

  // Current analysis of every call in the window.
  const window = `
    SELECT c.id AS call_id, c.call_date, a.id AS analysis_id, a.talk_ratio_internal, a.longest_monologue_s,
      a.longest_customer_story_s, a.interactivity, a.patience_s, a.questions_internal, a.questions_external,
      a.claims, a.supported, a.contradicted, a.unverifiable
    FROM calls c JOIN analyses a ON a.id = c.current_analysis_id
    WHERE (? IS NULL OR c.call_date >= ?)`;
  const rows = db.prepare(window).all(since, since) as CallRow[];

  const participation = db
    .prepare("SELECT call_id, rep_id, talk_s FROM participants WHERE rep_id IS NOT NULL")
    .all() as { call_id: string; rep_id: number; talk_s: number }[];
  const speech = new Map<string, number>(
    (
      db.prepare("SELECT call_id, SUM(talk_s) AS s FROM participants GROUP BY call_id").all() as {
        call_id: string;
        s: number;
      }[]
    ).map((r) => [r.call_id, r.s]),
  );

  const inWindow = new Map(rows.map((r) => [r.call_id, r] as const));
  const callsOfRep = new Map<number, CallRow[]>();
  const talkOfRep = new Map<number, number>();
  for (const p of participation) {
    const row = inWindow.get(p.call_id);
    if (!row) continue;
    const list = callsOfRep.get(p.rep_id) ?? [];
    list.push(row);
    callsOfRep.set(p.rep_id, list);
    talkOfRep.set(p.rep_id, (talkOfRep.get(p.rep_id) ?? 0) + p.talk_s);
  }

  const allReps = db.prepare("SELECT * FROM reps").all() as RepRecord[];
  const reps = (selected ?? allReps.filter((r) => callsOfRep.has(r.id)))
    .map((rep): RepInsights => {
      const calls = callsOfRep.get(rep.id) ?? [];
      const talk = talkOfRep.get(rep.id) ?? 0;
      const total = calls.reduce((s, c) => s + (speech.get(c.call_id) ?? 0), 0);
      return {
        id: rep.id,
        name: rep.name,
        email: rep.email,
        talk_s: round(talk, 1),
        talk_share: total ? round(talk / total, 3) : 0,
        ...group(calls, repClaimCounts(db, rep.id, calls)),
      };
    })
    .sort((a, b) => b.calls - a.calls || a.name.localeCompare(b.name));

  const scoped = selected ? uniqueRows(selected.flatMap((r) => callsOfRep.get(r.id) ?? [])) : rows;
  const analysisIds = scoped.map((r) => r.analysis_id);
  const repIds = selected?.map((r) => r.id) ?? null;

  return {
    schema: "call-coach/insights@1",
    generated_at: new Date().toISOString(),
    filter: { rep: filter.rep?.trim() || null, since },
    team: {
      reps: new Set(participation.filter((p) => inWindow.has(p.call_id)).map((p) => p.rep_id)).size,
      ...group(rows, sumClaims(rows)),
    },
    reps,
    wrong_claims: wrongClaims(store, analysisIds, repIds),
    unanswered_objections: objectionStats(store, analysisIds),
    competitors: competitorCounts(store, analysisIds),
  };
}

interface CallRow extends Record<MetricName, number> {
  call_id: string;
  call_date: string;
  analysis_id: number;
  claims: number;
  supported: number;
  contradicted: number;
  unverifiable: number;
}

function uniqueRows(rows: CallRow[]): CallRow[] {
  return [...new Map(rows.map((r) => [r.call_id, r] as const)).values()];
}

function group(rows: CallRow[], claims: ClaimCounts): GroupInsights {
  const trend = weeklyTrend(rows);
  const first = trend[0];
  const last = trend[trend.length - 1];
  return {
    calls: rows.length,
    metrics: rows.length ? averages(rows) : null,
    change:
      first && last && trend.length >= 2
        ? (Object.fromEntries(
            METRIC_NAMES.map((m) => [m, round(last.metrics[m] - first.metrics[m], 3)]),
          ) as MetricAverages)
        : null,
    trend,
    claims,
  };
}

function averages(rows: CallRow[]): MetricAverages {
  return Object.fromEntries(
    METRIC_NAMES.map((m) => [m, round(rows.reduce((s, r) => s + r[m], 0) / rows.length, 3)]),
  ) as MetricAverages;
}

/** Monday (UTC) of the week of an ISO date. */
export function weekOf(isoDate: string): string {
  const d = new Date(isoDate);
  if (Number.isNaN(d.getTime())) return isoDate.slice(0, 10);
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day);
  return d.toISOString().slice(0, 10);
}

function weeklyTrend(rows: CallRow[]): TrendPoint[] {
  const byWeek = new Map<string, CallRow[]>();
  for (const r of rows) {
    const w = weekOf(r.call_date);
    const list = byWeek.get(w) ?? [];
    list.push(r);
    byWeek.set(w, list);
  }
  return [...byWeek]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([week, list]) => ({
      week,
      calls: list.length,
      metrics: averages(list),
      claims: list.reduce((s, r) => s + r.claims, 0),
      contradicted: list.reduce((s, r) => s + r.contradicted, 0),
    }));
}

function sumClaims(rows: CallRow[]): ClaimCounts {
  return {
    total: rows.reduce((s, r) => s + r.claims, 0),
    supported: rows.reduce((s, r) => s + r.supported, 0),
    contradicted: rows.reduce((s, r) => s + r.contradicted, 0),
    unverifiable: rows.reduce((s, r) => s + r.unverifiable, 0),
  };
}

function repClaimCounts(db: CallStore["db"], repId: number, calls: CallRow[]): ClaimCounts {
  const counts: ClaimCounts = { total: 0, supported: 0, contradicted: 0, unverifiable: 0 };
  if (!calls.length) return counts;
  const stmt = db.prepare(
    `SELECT verdict, COUNT(*) AS n FROM claim_facts WHERE rep_id = ? AND analysis_id IN (SELECT value FROM json_each(?)) GROUP BY verdict`,
  );
  for (const r of stmt.all(repId, JSON.stringify(calls.map((c) => c.analysis_id))) as {
    verdict: keyof ClaimCounts;
    n: number;
  }[]) {
    counts[r.verdict] = r.n;
    counts.total += r.n;
  }
  return counts;
}

function wrongClaims(store: CallStore, analysisIds: number[], repIds: number[] | null): WrongClaimTopic[] {
  if (!analysisIds.length) return [];
  const rows = store.db
    .prepare(
      `SELECT f.topic, f.claim_id, f.speaker, f.start_s, f.text, f.correction, f.evidence_title, f.evidence_url,
         a.call_id, a.created_at, c.call_date
       FROM claim_facts f JOIN analyses a ON a.id = f.analysis_id JOIN calls c ON c.id = a.call_id
       WHERE f.verdict = 'contradicted' AND f.analysis_id IN (SELECT value FROM json_each(?))
         AND (? IS NULL OR f.rep_id IN (SELECT value FROM json_each(?)))
       ORDER BY c.call_date DESC, f.start_s`,
    )
    .all(JSON.stringify(analysisIds), repIds ? 1 : null, JSON.stringify(repIds ?? [])) as {
    topic: string;
    claim_id: string;
    speaker: string;
    start_s: number;
    text: string;
    correction: string | null;
    evidence_title: string | null;
    evidence_url: string | null;
    call_id: string;
  }[];
  return [...groupByTopic(rows)]
    .map(([topic, list]): WrongClaimTopic => {
      const latest = list[0]!;
      const withCorrection = list.find((r) => r.correction) ?? latest;
      return {
        topic,
        count: list.length,
        calls: new Set(list.map((r) => r.call_id)).size,
        reps: [...new Set(list.map((r) => r.speaker))].sort(),
        example: {
          call_id: latest.call_id,
          claim_id: latest.claim_id,
          speaker: latest.speaker,
          start_s: latest.start_s,
          text: latest.text,
        },
        right_answer: withCorrection.correction,
        evidence:
          withCorrection.evidence_url && withCorrection.evidence_title
            ? { title: withCorrection.evidence_title, url: withCorrection.evidence_url }
            : null,
      };
    })
    .sort((a, b) => b.count - a.count || b.calls - a.calls || a.topic.localeCompare(b.topic))
    .slice(0, TOP);
}

function objectionStats(store: CallStore, analysisIds: number[]): ObjectionTopicStats[] {
  if (!analysisIds.length) return [];
  const rows = store.db
    .prepare(
      `SELECT f.topic, f.status, f.speaker, f.start_s, f.text, f.suggested_response, a.call_id
       FROM objection_facts f JOIN analyses a ON a.id = f.analysis_id JOIN calls c ON c.id = a.call_id
       WHERE f.analysis_id IN (SELECT value FROM json_each(?)) ORDER BY c.call_date DESC, f.start_s`,
    )
    .all(JSON.stringify(analysisIds)) as {
    topic: string;
    status: "answered" | "deferred" | "unanswered" | "unknown";
    speaker: string;
    start_s: number;
    text: string;
    suggested_response: string;
    call_id: string;
  }[];
  return [...groupByTopic(rows)]
    .map(([topic, list]): ObjectionTopicStats => {
      const count = (s: string) => list.filter((r) => r.status === s).length;
      const missed = list.filter((r) => r.status === "unanswered" || r.status === "deferred");
      return {
        topic,
        total: list.length,
        answered: count("answered"),
        deferred: count("deferred"),
        unanswered: count("unanswered"),
        unknown: count("unknown"),
        unanswered_rate: round(missed.length / Math.max(1, missed.length + count("answered")), 3),
        examples: missed.slice(0, 3).map((r) => ({
          call_id: r.call_id,
          speaker: r.speaker,
          start_s: r.start_s,
          text: r.text,
          status: r.status,
        })),
        suggested_response: (missed[0] ?? list[0]!).suggested_response,
      };
    })
    .filter((t) => t.unanswered + t.deferred > 0)
    .sort(
      (a, b) =>
        b.unanswered + b.deferred - (a.unanswered + a.deferred) ||
        b.unanswered_rate - a.unanswered_rate ||
        a.topic.localeCompare(b.topic),
    )
    .slice(0, TOP);
}

function competitorCounts(store: CallStore, analysisIds: number[]): CompetitorCount[] {
  if (!analysisIds.length) return [];
  return (
    store.db
      .prepare(
        `SELECT f.name, COUNT(*) AS mentions, COUNT(DISTINCT a.call_id) AS calls,
           SUM(f.side = 'external') AS by_customer, SUM(f.side = 'internal') AS by_team
         FROM competitor_facts f JOIN analyses a ON a.id = f.analysis_id
         WHERE f.analysis_id IN (SELECT value FROM json_each(?))
         GROUP BY f.name ORDER BY mentions DESC, f.name`,
      )
      .all(JSON.stringify(analysisIds)) as CompetitorCount[]
  ).map((c) => ({ ...c, by_customer: Number(c.by_customer), by_team: Number(c.by_team) }));
}

/** Rows grouped by topic, each group in the rows' order (Map.groupBy needs Node 21). */
function groupByTopic<T extends { topic: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const r of rows) {
    const list = groups.get(r.topic) ?? [];
    list.push(r);
    groups.set(r.topic, list);
  }
  return groups;
}
