/**
 * Reps (internal speakers) recognised across calls. An email identifies a rep; without one, the
 * normalised name does ("Dana  Rep", "dana rep" and "Daná Rep" are one key). A rep first seen by
 * name and later with an email keeps one identity: the email is attached to the name-only rep.
 */
import type { Db } from "./database.js";

export interface RepRecord {
  id: number;
  email: string | null;
  name: string;
  name_key: string;
  first_seen: string;
  last_seen: string;
}

export function nameKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export function normalizeEmail(email: string | null | undefined): string | null {
  const e = email?.trim().toLowerCase();
  return e && /^[^@\s]+@[^@\s]+$/.test(e) ? e : null;
}

/** The rep for an internal participant, created or updated; call inside the store's transaction. */
export function resolveRep(db: Db, name: string, email: string | null, seenAt: string): number {
  const key = nameKey(name);
  const mail = normalizeEmail(email);
  if (mail) {
    const byEmail = db.prepare("SELECT * FROM reps WHERE email = ?").get(mail) as RepRecord | undefined;
    if (byEmail) {
      touch(db, byEmail.id, name, key, seenAt);
      return byEmail.id;
    }
    const nameOnly = db
      .prepare("SELECT * FROM reps WHERE name_key = ? AND email IS NULL ORDER BY last_seen DESC LIMIT 1")
      .get(key) as RepRecord | undefined;
    if (nameOnly) {
      db.prepare("UPDATE reps SET email = ? WHERE id = ?").run(mail, nameOnly.id);
      touch(db, nameOnly.id, name, key, seenAt);
      return nameOnly.id;
    }
    return insert(db, name, key, mail, seenAt);
  }
  // No email: the same name is the same rep; with several (same name, different emails) the one
  // seen most recently wins, because that is who is most likely on a new call.
  const byName = db
    .prepare("SELECT * FROM reps WHERE name_key = ? ORDER BY (email IS NULL) DESC, last_seen DESC LIMIT 1")
    .get(key) as RepRecord | undefined;
  if (byName) {
    touch(db, byName.id, name, key, seenAt);
    return byName.id;
  }
  return insert(db, name, key, null, seenAt);
}

function insert(db: Db, name: string, key: string, email: string | null, seenAt: string): number {
  const info = db
    .prepare("INSERT INTO reps (email, name, name_key, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)")
    .run(email, name, key, seenAt, seenAt);
  return Number(info.lastInsertRowid);
}

function touch(db: Db, id: number, name: string, key: string, seenAt: string): void {
  db.prepare(
    `UPDATE reps SET name = CASE WHEN ? >= last_seen THEN ? ELSE name END,
       name_key = CASE WHEN ? >= last_seen THEN ? ELSE name_key END,
       first_seen = MIN(first_seen, ?), last_seen = MAX(last_seen, ?) WHERE id = ?`,
  ).run(seenAt, name, seenAt, key, seenAt, seenAt, id);
}

/** Reps matching an email (exact, case-insensitive) or a name (normalised). */
export function findReps(db: Db, query: string): RepRecord[] {
  const mail = normalizeEmail(query);
  if (mail) return db.prepare("SELECT * FROM reps WHERE email = ?").all(mail) as RepRecord[];
  return db.prepare("SELECT * FROM reps WHERE name_key = ? ORDER BY name").all(nameKey(query)) as RepRecord[];
}
