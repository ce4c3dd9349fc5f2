/**
 * Schema of the call store (`<home>/calls.db`): stored calls with their participants, the reps
 * (internal speakers recognised across calls), every analysis with its cache key and report, and
 * the report items flattened into fact tables so insights are SQL, not a scan of report JSON.
 */
import type { Migration } from "./database.js";

export const CALL_STORE_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: "calls, participants, reps, analyses, reports, facts, call search",
    up: `
      CREATE TABLE reps (
        id INTEGER PRIMARY KEY,
        -- lower-case; a rep is one email, or one normalised name when no email was ever seen
        email TEXT UNIQUE,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL
      );
      CREATE INDEX reps_name_key ON reps(name_key);

      CREATE TABLE calls (
        id TEXT PRIMARY KEY,
        -- what makes two uploads the same call: the transcript's own id (Gong, Call Coach JSON) or its content hash
        call_key TEXT NOT NULL UNIQUE,
        source_id TEXT NOT NULL,
        title TEXT NOT NULL,
        started_at TEXT,
        -- started_at, else when the call was first stored: the date insights filter and bucket by
        call_date TEXT NOT NULL,
        duration_s REAL NOT NULL,
        format TEXT NOT NULL,
        file_name TEXT,
        transcript_hash TEXT NOT NULL,
        transcript BLOB NOT NULL,
        call_json TEXT NOT NULL,
        side_hints TEXT NOT NULL,
        current_analysis_id INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX calls_date ON calls(call_date);

      CREATE TABLE participants (
        call_id TEXT NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        name TEXT NOT NULL,
        email TEXT,
        title TEXT,
        side TEXT NOT NULL,
        talk_s REAL NOT NULL,
        rep_id INTEGER REFERENCES reps(id),
        PRIMARY KEY (call_id, ord)
      );
      CREATE INDEX participants_rep ON participants(rep_id);

      CREATE TABLE analyses (
        id INTEGER PRIMARY KEY,
        call_id TEXT NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        cache_key TEXT NOT NULL UNIQUE,
        transcript_hash TEXT NOT NULL,
        knowledge_mode TEXT NOT NULL,
        knowledge_version TEXT NOT NULL,
        analyzer_version TEXT NOT NULL,
        options_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        duration_ms INTEGER NOT NULL,
        claims INTEGER NOT NULL,
        supported INTEGER NOT NULL,
        contradicted INTEGER NOT NULL,
        unverifiable INTEGER NOT NULL,
        objections INTEGER NOT NULL,
        competitors INTEGER NOT NULL,
        talk_ratio_internal REAL NOT NULL,
        longest_monologue_s REAL NOT NULL,
        longest_customer_story_s REAL NOT NULL,
        interactivity REAL NOT NULL,
        patience_s REAL NOT NULL,
        questions_internal INTEGER NOT NULL,
        questions_external INTEGER NOT NULL
      );
      CREATE INDEX analyses_call ON analyses(call_id);

      CREATE TABLE reports (
        analysis_id INTEGER PRIMARY KEY REFERENCES analyses(id) ON DELETE CASCADE,
        schema TEXT NOT NULL,
        report_json TEXT NOT NULL
      );

      CREATE TABLE claim_facts (
        analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
        claim_id TEXT NOT NULL,
        rep_id INTEGER REFERENCES reps(id),
        speaker TEXT NOT NULL,
        start_s REAL NOT NULL,
        topic TEXT NOT NULL,
        verdict TEXT NOT NULL,
        text TEXT NOT NULL,
        correction TEXT,
        evidence_title TEXT,
        evidence_url TEXT,
        PRIMARY KEY (analysis_id, claim_id)
      );
      CREATE INDEX claim_facts_verdict ON claim_facts(verdict, topic);

      CREATE TABLE objection_facts (
        analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
        objection_id TEXT NOT NULL,
        speaker TEXT NOT NULL,
        start_s REAL NOT NULL,
        topic TEXT NOT NULL,
        text TEXT NOT NULL,
        -- answered | deferred | unanswered | unknown (see src/service/objection-answers.ts)
        status TEXT NOT NULL,
        response_speaker TEXT,
        response_s REAL,
        response_text TEXT,
        suggested_response TEXT NOT NULL,
        evidence_url TEXT,
        PRIMARY KEY (analysis_id, objection_id)
      );

      CREATE TABLE competitor_facts (
        analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        speaker TEXT NOT NULL,
        side TEXT NOT NULL,
        start_s REAL NOT NULL,
        text TEXT NOT NULL
      );
      CREATE INDEX competitor_facts_analysis ON competitor_facts(analysis_id);

      CREATE VIRTUAL TABLE calls_fts USING fts5(call_id UNINDEXED, title, people, body, tokenize = 'porter unicode61');
    `,
  },
  {
    version: 2,
    name: "side hints per analysis",
    // "Analyze again" repeats the settings of the analysis on screen; the call row only has the
    // last upload's, which a later upload of the same bytes without names overwrites.
    up: "ALTER TABLE analyses ADD COLUMN side_hints TEXT;",
  },
];
