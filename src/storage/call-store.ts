/**
 * The call store (`<home>/calls.db`): stored calls, their participants, reps, analyses and
 * reports. One analysis is written in one transaction (call, participants, reps, analysis,
 * report, facts, search index), so a process killed at any moment leaves either the whole
 * analysis or none of it; WAL keeps readers (the web UI, insights) unblocked while a batch writes.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { StorageError } from "../errors.js";
import type { Call, TranscriptFormat } from "../model/call.js";
import { type Report, reportSchema } from "../model/report.js";
import { asBuffer, type CallRecord } from "./call-record.js";
import { CALL_STORE_MIGRATIONS } from "./call-store-schema.js";
import { type Db, migrate, openDatabase } from "./database.js";
import { findReps, type RepRecord, resolveRep } from "./reps.js";

export interface SideHintsRecord {
  internal: string[];
  companyDomain: string | null;
}

export interface CallInput {
  callKey: string;
  /** The parsed call as stored (see call-record.ts). */
  call: CallRecord;
  fileName: string | null;
  transcriptHash: string;
  transcript: Buffer;
  sideHints: SideHintsRecord;
}

export interface ObjectionOutcome {
  status: "answered" | "deferred" | "unanswered" | "unknown";
  response: { speaker: string; start_s: number; text: string } | null;
}

export interface AnalysisInput {
  cacheKey: string;
  knowledgeMode: string;
  knowledgeVersion: string;
  analyzerVersion: string;
  optionsHash: string;
  durationMs: number;
  report: Report;
  objectionOutcomes: Map<string, ObjectionOutcome>;
}

export interface AnalysisMeta {
  id: number;
  call_id: string;
  cache_key: string;
  transcript_hash: string;
  knowledge_mode: string;
  knowledge_version: string;
  analyzer_version: string;
  options_hash: string;
  created_at: string;
  duration_ms: number;
}

export interface ParticipantRecord {
  name: string;
  email: string | null;
  title: string | null;
  side: string;
  talk_s: number;
  rep_id: number | null;
}

export interface CallSummary {
  id: string;
  title: string;
  started_at: string | null;
  call_date: string;
  duration_s: number;
  format: TranscriptFormat;
  file_name: string | null;
  created_at: string;
  updated_at: string;
  reps: string[];
  analysis: {
    id: number;
    created_at: string;
    claims: number;
    supported: number;
    contradicted: number;
    unverifiable: number;
    objections: number;
    competitors: number;
  } | null;
}

export interface CallDetail extends CallSummary {
  participants: ParticipantRecord[];
  analyses: AnalysisMeta[];
}

export interface CallListFilter {
  /** Full-text search over title, participant names and transcript text. */
  q?: string | null;
  /** Rep email or name: calls the rep took part in. */
  rep?: string | null;
  /** ISO date or date-time: calls on or after it. */
  since?: string | null;
  limit?: number;
  offset?: number;
}

export function callStorePath(home: string): string {
  return join(home, "calls.db");
}

/** Public id of a stored call: short, URL-safe, and the same in every store for the same call. */
export function publicCallId(callKey: string): string {
  return createHash("sha256").update(callKey).digest("hex").slice(0, 12);
}

export class CallStore {
  readonly db: Db;
  readonly path: string;

  constructor(path: string) {
    this.path = path;
    this.db = openDatabase(path);
    migrate(this.db, "calls", CALL_STORE_MIGRATIONS);
  }

  findAnalysisByCacheKey(cacheKey: string): AnalysisMeta | undefined {
    return this.db.prepare(`SELECT ${ANALYSIS_COLUMNS} FROM analyses WHERE cache_key = ?`).get(cacheKey) as
      | AnalysisMeta
      | undefined;
  }

  /** Makes a previously stored analysis the call's current one again (a cache hit after a revert). */
  setCurrentAnalysis(callId: string, analysisId: number): void {
    this.db
      .prepare("UPDATE calls SET current_analysis_id = ? WHERE id = ? AND current_analysis_id IS NOT ?")
      .run(analysisId, callId, analysisId);
  }

  /** Stores the call (inserted or updated) and a new analysis of it, atomically. Returns the analysis. */
  saveAnalysis(input: CallInput, analysis: AnalysisInput): AnalysisMeta {
    // Stored reports are served as they are (no parse on read), so only valid ones get in.
    const valid = reportSchema.safeParse(analysis.report);
    if (!valid.success) {
      throw new StorageError(
        `refusing to store a report of "${input.call.title}" that does not match ${analysis.report.schema}: ${valid.error.issues[0]?.path.join(".")}`,
      );
    }
    const now = new Date().toISOString();
    const tx = this.db.transaction((): AnalysisMeta => {
      const existingAnalysis = this.findAnalysisByCacheKey(analysis.cacheKey);
      if (existingAnalysis) {
        this.setCurrentAnalysis(existingAnalysis.call_id, existingAnalysis.id);
        return existingAnalysis;
      }
      const callId = this.upsertCall(input, now);
      const participantReps = this.replaceParticipants(callId, input.call, now);
      const analysisId = this.insertAnalysis(callId, input.transcriptHash, analysis, now);
      this.db
        .prepare("UPDATE analyses SET side_hints = ? WHERE id = ?")
        .run(JSON.stringify(input.sideHints), analysisId);
      this.insertFacts(analysisId, analysis, participantReps);
      this.db.prepare("UPDATE calls SET current_analysis_id = ? WHERE id = ?").run(analysisId, callId);
      this.db.prepare("DELETE FROM calls_fts WHERE call_id = ?").run(callId);
      this.db
        // The body comes as UTF-8 bytes (call-record.ts); CAST stores it as the text it is.
        .prepare("INSERT INTO calls_fts (call_id, title, people, body) VALUES (?, ?, ?, CAST(? AS TEXT))")
        .run(
          callId,
          input.call.title,
          input.call.participants.map((p) => `${p.name} ${p.email ?? ""}`).join(" "),
          asBuffer(input.call.text),
        );
      return this.findAnalysisByCacheKey(analysis.cacheKey)!;
    });
    try {
      return tx.immediate();
    } catch (err) {
      throw new StorageError(
        `cannot store the analysis of "${input.call.title}": ${(err as Error).message}`,
        {
          cause: err,
        },
      );
    }
  }

  private upsertCall(input: CallInput, now: string): string {
    const { call } = input;
    const id = publicCallId(input.callKey);
    const existing = this.db.prepare("SELECT created_at FROM calls WHERE id = ?").get(id) as
      | { created_at: string }
      | undefined;
    const createdAt = existing?.created_at ?? now;
    const values = [
      call.id,
      call.title,
      call.started_at,
      call.started_at ?? createdAt,
      call.duration_s,
      call.format,
      input.fileName,
      input.transcriptHash,
      input.transcript,
      asBuffer(call.json),
      JSON.stringify(input.sideHints),
      now,
    ];
    if (existing) {
      this.db
        .prepare(
          `UPDATE calls SET source_id = ?, title = ?, started_at = ?, call_date = ?, duration_s = ?, format = ?,
             file_name = ?, transcript_hash = ?, transcript = ?, call_json = CAST(? AS TEXT), side_hints = ?, updated_at = ?
           WHERE id = ?`,
        )
        .run(...values, id);
    } else {
      this.db
        .prepare(
          `INSERT INTO calls (source_id, title, started_at, call_date, duration_s, format, file_name, transcript_hash,
             transcript, call_json, side_hints, updated_at, id, call_key, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS TEXT), ?, ?, ?, ?, ?)`,
        )
        .run(...values, id, input.callKey, createdAt);
    }
    return id;
  }

  /** Participants by name → their rep id (internal speakers only). */
  private replaceParticipants(callId: string, call: CallRecord, now: string): Map<string, number> {
    this.db.prepare("DELETE FROM participants WHERE call_id = ?").run(callId);
    const seenAt = call.started_at ?? now;
    const insert = this.db.prepare(
      "INSERT INTO participants (call_id, ord, name, email, title, side, talk_s, rep_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    );
    const reps = new Map<string, number>();
    call.participants.forEach((p, ord) => {
      const repId = p.side === "internal" ? resolveRep(this.db, p.name, p.email, seenAt) : null;
      if (repId !== null) reps.set(p.name, repId);
      insert.run(callId, ord, p.name, p.email, p.title, p.side, round1(p.talk_s), repId);
    });
    return reps;
  }

  private insertAnalysis(callId: string, transcriptHash: string, a: AnalysisInput, now: string): number {
    const r = a.report;
    const count = (v: string) => r.claims.filter((c) => c.verdict === v).length;
    const m = r.metrics;
    const info = this.db
      .prepare(
        `INSERT INTO analyses (call_id, cache_key, transcript_hash, knowledge_mode, knowledge_version, analyzer_version,
           options_hash, created_at, duration_ms, claims, supported, contradicted, unverifiable, objections, competitors,
           talk_ratio_internal, longest_monologue_s, longest_customer_story_s, interactivity, patience_s,
           questions_internal, questions_external)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        callId,
        a.cacheKey,
        transcriptHash,
        a.knowledgeMode,
        a.knowledgeVersion,
        a.analyzerVersion,
        a.optionsHash,
        now,
        Math.round(a.durationMs),
        r.claims.length,
        count("supported"),
        count("contradicted"),
        count("unverifiable"),
        r.objections.length,
        r.competitors.length,
        m.talk_ratio_internal,
        m.longest_monologue_s,
        m.longest_customer_story_s,
        m.interactivity,
        m.patience_s,
        m.questions_internal,
        m.questions_external,
      );
    const analysisId = Number(info.lastInsertRowid);
    this.db
      .prepare("INSERT INTO reports (analysis_id, schema, report_json) VALUES (?, ?, ?)")
      .run(analysisId, r.schema, JSON.stringify(r));
    return analysisId;
  }

  private insertFacts(analysisId: number, a: AnalysisInput, reps: Map<string, number>): void {
    const r = a.report;
    const claim = this.db.prepare(
      `INSERT INTO claim_facts (analysis_id, claim_id, rep_id, speaker, start_s, topic, verdict, text, correction,
         evidence_title, evidence_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const c of r.claims) {
      const ev = c.evidence[0];
      claim.run(
        analysisId,
        c.id,
        reps.get(c.speaker) ?? null,
        c.speaker,
        c.start_s,
        c.topic,
        c.verdict,
        c.text,
        c.correction,
        ev?.title ?? null,
        ev?.url ?? null,
      );
    }
    const objection = this.db.prepare(
      `INSERT INTO objection_facts (analysis_id, objection_id, speaker, start_s, topic, text, status, response_speaker,
         response_s, response_text, suggested_response, evidence_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const o of r.objections) {
      const outcome = a.objectionOutcomes.get(o.id) ?? { status: "unanswered", response: null };
      objection.run(
        analysisId,
        o.id,
        o.speaker,
        o.start_s,
        o.topic,
        o.text,
        outcome.status,
        outcome.response?.speaker ?? null,
        outcome.response?.start_s ?? null,
        outcome.response?.text ?? null,
        o.suggested_response,
        o.evidence[0]?.url ?? null,
      );
    }
    const sides = new Map(r.call.participants.map((p) => [p.name, p.side] as const));
    const competitor = this.db.prepare(
      "INSERT INTO competitor_facts (analysis_id, name, speaker, side, start_s, text) VALUES (?, ?, ?, ?, ?, ?)",
    );
    for (const c of r.competitors)
      for (const m of c.mentions)
        competitor.run(analysisId, c.name, m.speaker, sides.get(m.speaker) ?? "unknown", m.start_s, m.text);
  }

  getCall(id: string): CallDetail | undefined {
    const row = this.db.prepare(`${SUMMARY_SELECT} WHERE c.id = ?`).get(id) as SummaryRow | undefined;
    if (!row) return undefined;
    const participants = this.db
      .prepare(
        "SELECT name, email, title, side, talk_s, rep_id FROM participants WHERE call_id = ? ORDER BY ord",
      )
      .all(id) as ParticipantRecord[];
    const analyses = this.db
      .prepare(`SELECT ${ANALYSIS_COLUMNS} FROM analyses WHERE call_id = ? ORDER BY id DESC`)
      .all(id) as AnalysisMeta[];
    return { ...toSummary(row), participants, analyses };
  }

  /** The parsed call model as stored (the transcript timeline of the web UI). */
  getCallModel(id: string): Call | undefined {
    const row = this.db.prepare("SELECT call_json FROM calls WHERE id = ?").get(id) as
      | { call_json: string }
      | undefined;
    return row ? (JSON.parse(row.call_json) as Call) : undefined;
  }

  getTranscript(
    id: string,
  ):
    | { transcript: Buffer; fileName: string | null; callKey: string; sideHints: SideHintsRecord }
    | undefined {
    const row = this.db
      // The settings of the current analysis (older stores have none: the call's last upload's).
      .prepare(
        `SELECT c.transcript, c.file_name, c.call_key, COALESCE(a.side_hints, c.side_hints) AS side_hints
         FROM calls c LEFT JOIN analyses a ON a.id = c.current_analysis_id WHERE c.id = ?`,
      )
      .get(id) as
      | { transcript: Buffer; file_name: string | null; call_key: string; side_hints: string }
      | undefined;
    if (!row) return undefined;
    return {
      transcript: row.transcript,
      fileName: row.file_name,
      callKey: row.call_key,
      sideHints: JSON.parse(row.side_hints) as SideHintsRecord,
    };
  }

  /** The current report of a call (or of one analysis), validated against the report contract. */
  getReport(callId: string, analysisId?: number): { report: Report; analysis: AnalysisMeta } | undefined {
    const row = this.db
      .prepare(
        `SELECT r.report_json, ${prefixed("a", ANALYSIS_COLUMNS)} FROM calls c
         JOIN analyses a ON a.id = COALESCE(?, c.current_analysis_id) AND a.call_id = c.id
         JOIN reports r ON r.analysis_id = a.id WHERE c.id = ?`,
      )
      .get(analysisId ?? null, callId) as (AnalysisMeta & { report_json: string }) | undefined;
    if (!row) return undefined;
    const { report_json, ...analysis } = row;
    const parsed = reportSchema.safeParse(JSON.parse(report_json));
    if (!parsed.success)
      throw new StorageError(`stored report of call ${callId} does not match the report schema`);
    return { report: parsed.data, analysis };
  }

  /**
   * The current report's JSON exactly as stored (validated when it was written), as UTF-8 bytes:
   * reading the column as a blob skips decoding ~0.3 MB into a string only to encode it again for
   * the socket, which was most of the cost of serving a report.
   */
  getReportJson(callId: string): Uint8Array<ArrayBuffer> | undefined {
    const row = this.db
      .prepare(
        "SELECT CAST(r.report_json AS BLOB) AS report_json FROM calls c JOIN reports r ON r.analysis_id = c.current_analysis_id WHERE c.id = ?",
      )
      .get(callId) as { report_json: Uint8Array<ArrayBuffer> } | undefined; // a Buffer, never shared memory
    return row?.report_json;
  }

  listCalls(filter: CallListFilter = {}): { total: number; calls: CallSummary[] } {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.q?.trim()) {
      const match = ftsQuery(filter.q);
      if (!match) return { total: 0, calls: [] };
      where.push("c.id IN (SELECT call_id FROM calls_fts WHERE calls_fts MATCH ?)");
      params.push(match);
    }
    if (filter.rep?.trim()) {
      const reps = findReps(this.db, filter.rep);
      if (!reps.length) return { total: 0, calls: [] };
      where.push(
        `c.id IN (SELECT call_id FROM participants WHERE rep_id IN (${reps.map(() => "?").join(",")}))`,
      );
      params.push(...reps.map((r) => r.id));
    }
    if (filter.since) {
      where.push("c.call_date >= ?");
      params.push(filter.since);
    }
    const clause = where.length ? `WHERE ${where.join(" AND ")}` : "";
    const total = (
      this.db.prepare(`SELECT COUNT(*) AS n FROM calls c ${clause}`).get(...params) as { n: number }
    ).n;
    const rows = this.db
      .prepare(`${SUMMARY_SELECT} ${clause} ORDER BY c.call_date DESC, c.id LIMIT ? OFFSET ?`)
      .all(...params, filter.limit ?? 50, filter.offset ?? 0) as SummaryRow[];
    return { total, calls: rows.map(toSummary) };
  }

  listReps(): (RepRecord & { calls: number })[] {
    return this.db
      .prepare(
        `SELECT r.*, COUNT(DISTINCT p.call_id) AS calls FROM reps r LEFT JOIN participants p ON p.rep_id = r.id
         GROUP BY r.id ORDER BY r.name`,
      )
      .all() as (RepRecord & { calls: number })[];
  }

  findReps(query: string): RepRecord[] {
    return findReps(this.db, query);
  }

  counts(): { calls: number; analyses: number; reps: number } {
    return this.db
      .prepare(
        "SELECT (SELECT COUNT(*) FROM calls) AS calls, (SELECT COUNT(*) FROM analyses) AS analyses, (SELECT COUNT(*) FROM reps) AS reps",
      )
      .get() as { calls: number; analyses: number; reps: number };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export function openCallStore(home: string): CallStore {
  return new CallStore(callStorePath(home));
}

const ANALYSIS_COLUMNS =
  "id, call_id, cache_key, transcript_hash, knowledge_mode, knowledge_version, analyzer_version, options_hash, created_at, duration_ms";

function prefixed(alias: string, columns: string): string {
  return columns
    .split(",")
    .map((c) => `${alias}.${c.trim()}`)
    .join(", ");
}

const SUMMARY_SELECT = `
  SELECT c.id, c.title, c.started_at, c.call_date, c.duration_s, c.format, c.file_name, c.created_at, c.updated_at,
    (SELECT group_concat(name, '\u001f') FROM (SELECT name FROM participants WHERE call_id = c.id AND side = 'internal' ORDER BY ord)) AS reps,
    a.id AS a_id, a.created_at AS a_created_at, a.claims, a.supported, a.contradicted, a.unverifiable, a.objections, a.competitors
  FROM calls c LEFT JOIN analyses a ON a.id = c.current_analysis_id`;

interface SummaryRow {
  id: string;
  title: string;
  started_at: string | null;
  call_date: string;
  duration_s: number;
  format: TranscriptFormat;
  file_name: string | null;
  created_at: string;
  updated_at: string;
  reps: string | null;
  a_id: number | null;
  a_created_at: string | null;
  claims: number;
  supported: number;
  contradicted: number;
  unverifiable: number;
  objections: number;
  competitors: number;
}

function toSummary(r: SummaryRow): CallSummary {
  return {
    id: r.id,
    title: r.title,
    started_at: r.started_at,
    call_date: r.call_date,
    duration_s: r.duration_s,
    format: r.format,
    file_name: r.file_name,
    created_at: r.created_at,
    updated_at: r.updated_at,
    reps: r.reps ? r.reps.split("\u001f") : [],
    analysis:
      r.a_id === null
        ? null
        : {
            id: r.a_id,
            created_at: r.a_created_at!,
            claims: r.claims,
            supported: r.supported,
            contradicted: r.contradicted,
            unverifiable: r.unverifiable,
            objections: r.objections,
            competitors: r.competitors,
          },
  };
}

/** Words of a search box as an FTS5 query: every word must match (prefix match on the last). */
export function ftsQuery(q: string): string | null {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (!words.length) return null;
  return words.map((w, i) => `"${w}"${i === words.length - 1 ? "*" : ""}`).join(" ");
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** How each objection of one analysis was handled on the call, by objection id. */
export function objectionOutcomes(store: CallStore, analysisId: number): Map<string, ObjectionOutcome> {
  const rows = store.db
    .prepare(
      "SELECT objection_id, status, response_speaker, response_s, response_text FROM objection_facts WHERE analysis_id = ?",
    )
    .all(analysisId) as {
    objection_id: string;
    status: ObjectionOutcome["status"];
    response_speaker: string | null;
    response_s: number | null;
    response_text: string | null;
  }[];
  return new Map(
    rows.map((r) => [
      r.objection_id,
      {
        status: r.status,
        response:
          r.response_speaker !== null && r.response_s !== null && r.response_text !== null
            ? { speaker: r.response_speaker, start_s: r.response_s, text: r.response_text }
            : null,
      },
    ]),
  );
}
