/**
 * Accepted LLM answers in SQLite under CALL_COACH_HOME (`llm-cache.db`), so analyzing the same
 * call again with the same docs costs nothing. The key is a hash of the transcript, the prompt
 * version, provider and model, the request kind and the identities of the evidence shown (URL,
 * section and content hash: when the docs change, the key changes). Only answers that passed
 * validation are stored; a damaged row reads as a miss.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { type Db, migrate, openDatabase } from "../../storage/database.js";

export interface CacheKeyParts {
  transcriptHash: string;
  promptVersion: string;
  provider: string;
  model: string;
  /** e.g. "window:0:1" or "summary". */
  kind: string;
  evidenceIdentities: string[];
  /** Hash of the full request text: covers item ids and anything else the prompt holds. */
  requestHash: string;
}

export function cacheKey(parts: CacheKeyParts): string {
  return sha256(
    JSON.stringify([
      parts.transcriptHash,
      parts.promptVersion,
      parts.provider,
      parts.model,
      parts.kind,
      parts.evidenceIdentities,
      parts.requestHash,
    ]),
  );
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export interface LlmResultCache {
  get(key: string): unknown | undefined;
  put(
    key: string,
    meta: { provider: string; model: string; promptVersion: string; transcriptHash: string },
    answer: unknown,
  ): void;
  close(): void;
}

export class SqliteLlmResultCache implements LlmResultCache {
  private readonly db: Db;

  constructor(path: string) {
    this.db = openDatabase(path);
    migrate(this.db, "llm-cache", [
      {
        version: 1,
        name: "accepted LLM answers by request key",
        up: `CREATE TABLE llm_results (
          key TEXT PRIMARY KEY,
          provider TEXT NOT NULL,
          model TEXT NOT NULL,
          prompt_version TEXT NOT NULL,
          transcript_hash TEXT NOT NULL,
          answer_json TEXT NOT NULL,
          created_at TEXT NOT NULL)`,
      },
    ]);
  }

  static inHome(home: string): SqliteLlmResultCache {
    return new SqliteLlmResultCache(join(home, "llm-cache.db"));
  }

  get(key: string): unknown | undefined {
    const row = this.db.prepare("SELECT answer_json FROM llm_results WHERE key = ?").get(key) as
      | { answer_json: string }
      | undefined;
    if (!row) return undefined;
    try {
      return JSON.parse(row.answer_json);
    } catch {
      return undefined;
    }
  }

  put(
    key: string,
    meta: { provider: string; model: string; promptVersion: string; transcriptHash: string },
    answer: unknown,
  ): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO llm_results (key, provider, model, prompt_version, transcript_hash, answer_json, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        key,
        meta.provider,
        meta.model,
        meta.promptVersion,
        meta.transcriptHash,
        JSON.stringify(answer),
        new Date().toISOString(),
      );
  }

  close(): void {
    this.db.close();
  }
}
