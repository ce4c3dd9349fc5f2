/**
 * Property tests: no input crashes the parsers. Whatever bytes arrive, `parseTranscript` either
 * returns a well-formed call (ordered utterances, finite times, every speaker a participant) or
 * throws an InputError — never a TypeError, RangeError or a parser library's own exception.
 * Inputs range from raw bytes to near-miss transcripts: the fixture calls with random edits.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { InputError } from "../../src/errors.js";
import type { Call } from "../../src/model/call.js";
import { parseTranscript } from "../../src/parse/index.js";

const dir = join(import.meta.dirname, "..", "fixtures", "transcripts");
const FIXTURES = [
  "lumen-grid.txt",
  "tidewater.vtt",
  "fernhill.vtt",
  "quarry.srt",
  "orchid.json",
  "kinsale.gong.json",
].map((name) => ({ name, text: readFileSync(join(dir, name), "utf8") }));
const FILE_NAMES = [null, "call.txt", "call.vtt", "call.srt", "call.json", "call.gong.json", "noext"];
const RUNS = { numRuns: 300 };

function checkWellFormed(call: Call): void {
  const ids = new Set(call.participants.map((p) => p.id));
  let previousStart = Number.NEGATIVE_INFINITY;
  for (const u of call.utterances) {
    assert.ok(ids.has(u.speakerId), `speaker ${u.speakerId} is a participant`);
    assert.ok(Number.isFinite(u.start_s) && Number.isFinite(u.end_s), "finite times");
    assert.ok(u.end_s >= u.start_s, "ends after it starts");
    assert.ok(u.start_s >= previousStart, "ordered by start");
    previousStart = u.start_s;
    for (const s of u.sentences) assert.ok(Number.isFinite(s.start_s) && Number.isFinite(s.end_s));
  }
  assert.ok(Number.isFinite(call.duration_s));
}

function parsesOrRefuses(input: Buffer | string, fileName: string | null): void {
  let call: Call;
  try {
    call = parseTranscript(input, { fileName, internal: ["Ana Silva"] });
  } catch (err) {
    if (err instanceof InputError) {
      assert.ok(!err.message.includes("\n"), "one-line message");
      return;
    }
    throw err;
  }
  checkWellFormed(call);
}

test("random bytes", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom(...FILE_NAMES), (bytes, name) =>
      parsesOrRefuses(Buffer.from(bytes), name),
    ),
    RUNS,
  );
});

test("random Unicode text", () => {
  fc.assert(
    fc.property(
      fc.string({ unit: "grapheme", maxLength: 500 }),
      fc.constantFrom(...FILE_NAMES),
      (text, name) => parsesOrRefuses(text, name),
    ),
    RUNS,
  );
});

// Lines built from the pieces transcripts are made of, so parsers get past their first check.
const token = fc.constantFrom(
  "WEBVTT",
  "-->",
  " --> ",
  "00:00:01.000",
  "00:00:0x.000",
  "99:99:99,999",
  "1:02",
  "[00:01:23]",
  "(00:01:23)",
  "Ana Silva:",
  "Bo Chen",
  "<v Ana Silva>",
  "</v>",
  "<v>",
  "<i>",
  "&amp;",
  "&",
  "<",
  "NOTE",
  "1",
  ":",
  " ",
  "Hello there.",
  "Prefect retries tasks.",
  "?",
  "{",
  "}",
  '"callTranscripts":',
  '"utterances":',
  "\n",
  "\n\n",
  "\r\n",
);
test("token soup of transcript syntax", () => {
  fc.assert(
    fc.property(fc.array(token, { maxLength: 80 }), fc.constantFrom(...FILE_NAMES), (tokens, name) =>
      parsesOrRefuses(tokens.join(""), name),
    ),
    RUNS,
  );
});

// A real call with a few random cuts, insertions and byte flips: truncated files, stray
// characters in timing lines, half-edited JSON.
const edit = fc.oneof(
  fc.record({ kind: fc.constant("cut" as const), at: fc.nat(), length: fc.nat({ max: 200 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.string({ maxLength: 20 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
);
test("fixture calls with random edits", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...FIXTURES),
      fc.array(edit, { minLength: 1, maxLength: 4 }),
      fc.constantFrom(...FILE_NAMES),
      (fixture, edits, name) => {
        let text = fixture.text;
        for (const e of edits) {
          const at = text.length ? e.at % text.length : 0;
          if (e.kind === "cut") text = text.slice(0, at) + text.slice(at + e.length);
          else if (e.kind === "insert") text = text.slice(0, at) + e.text + text.slice(at);
          else text = text.slice(0, at);
        }
        parsesOrRefuses(text, name ?? fixture.name);
      },
    ),
    RUNS,
  );
});

// Structurally valid JSON with arbitrary values where Gong and Call Coach JSON expect fields.
test("JSON shaped like Gong or Call Coach JSON with arbitrary values", () => {
  const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(null));
  const gong = fc.record({
    calls: fc.oneof(
      value,
      fc.array(
        fc.record({ metaData: value, parties: fc.oneof(value, fc.array(fc.dictionary(fc.string(), value))) }),
      ),
    ),
    callTranscripts: fc.oneof(
      value,
      fc.array(
        fc.record({
          callId: value,
          transcript: fc.oneof(
            value,
            fc.array(
              fc.record({
                speakerId: fc.oneof(value, fc.constantFrom("1", "2")),
                sentences: fc.oneof(
                  value,
                  fc.array(
                    fc.record({
                      start: fc.oneof(value, fc.integer()),
                      end: fc.oneof(value, fc.integer()),
                      text: value,
                    }),
                  ),
                ),
              }),
            ),
          ),
        }),
      ),
    ),
  });
  const own = fc.record({
    participants: fc.oneof(value, fc.array(fc.record({ id: value, name: value, side: value }))),
    utterances: fc.oneof(
      value,
      fc.array(
        fc.record({
          speakerId: value,
          start_s: fc.oneof(value, fc.double()),
          end_s: fc.oneof(value, fc.double()),
          text: value,
        }),
      ),
    ),
  });
  fc.assert(
    fc.property(fc.oneof(gong, own), (doc) => parsesOrRefuses(JSON.stringify(doc), "call.json")),
    RUNS,
  );
});
