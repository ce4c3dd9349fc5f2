/** Schema of the local knowledge base (`<home>/knowledge.db`). */
import type { Migration } from "../../storage/database.js";

export const KB_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: "pages, chunks and their full-text index",
    up: `
      CREATE TABLE pages (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        path TEXT,
        title TEXT NOT NULL,
        -- 'docs' for synced documentation, 'pack' for the bundled knowledge pack, 'mcp' for pages learned from MCP
        source TEXT NOT NULL,
        -- what synced it (a docs directory's base URL, an llms.txt URL, 'pack'): pages missing from a
        -- later sync of the same origin are removed
        origin TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        synced_at TEXT NOT NULL
      );
      CREATE INDEX pages_origin ON pages(origin);
      CREATE TABLE chunks (
        id INTEGER PRIMARY KEY,
        page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        section TEXT,
        content TEXT NOT NULL
      );
      CREATE INDEX chunks_page ON chunks(page_id);
      CREATE VIRTUAL TABLE chunks_fts USING fts5(title, section, content, tokenize = 'porter unicode61');
      CREATE TABLE kb_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
];
