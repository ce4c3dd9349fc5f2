/**
 * SQLite access shared by the knowledge base, caches and the call store: one file per concern
 * under CALL_COACH_HOME, WAL mode so readers never block the writer, and versioned migrations
 * kept per "migration set" so each module owns its schema.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { StorageError } from "../errors.js";

export type Db = Database.Database;

export interface Migration {
  version: number;
  /** Short description, stored with the applied version. */
  name: string;
  up: string | ((db: Db) => void);
}

export function openDatabase(path: string, options: { readonly?: boolean } = {}): Db {
  try {
    if (path !== ":memory:" && !options.readonly) mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
    });
    if (!options.readonly) db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    db.pragma("synchronous = NORMAL");
    return db;
  } catch (err) {
    throw new StorageError(`cannot open database ${path}: ${(err as Error).message}`, { cause: err });
  }
}

/** Applies the migrations of one set that are newer than its recorded version, each in a transaction. */
export function migrate(db: Db, set: string, migrations: Migration[]): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    migration_set TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL,
    PRIMARY KEY (migration_set, version))`);
  const current =
    (
      db.prepare("SELECT MAX(version) AS v FROM schema_migrations WHERE migration_set = ?").get(set) as {
        v: number | null;
      }
    ).v ?? 0;
  const latest = Math.max(0, ...migrations.map((m) => m.version));
  if (current > latest) {
    throw new StorageError(
      `database schema "${set}" is at version ${current}, newer than this Call Coach knows (${latest}); upgrade Call Coach`,
    );
  }
  const record = db.prepare(
    "INSERT INTO schema_migrations (migration_set, version, name, applied_at) VALUES (?, ?, ?, ?)",
  );
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    db.transaction(() => {
      if (typeof m.up === "string") db.exec(m.up);
      else m.up(db);
      record.run(set, m.version, m.name, new Date().toISOString());
    })();
  }
  return latest;
}
