/**
 * Input limits and bounded validation (docs/formats.md, "Limits"). Each limit is refused with one
 * line naming the file and what was over; invalid documents report their first problem without
 * validating the rest. Costs are measured in `npm run bench`, never asserted here.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { InputError } from "../../src/errors.js";
import { parseTranscript } from "../../src/parse/index.js";
import { MAX_SEGMENTS, MAX_SPEAKERS, MAX_TRANSCRIPT_BYTES } from "../../src/parse/limits.js";

const refused = (fn: () => unknown, pattern: RegExp) =>
  assert.throws(fn, (err: unknown) => err instanceof InputError && pattern.test(err.message));

test("Call Coach JSON over the utterance limit is refused before any entry is validated", () => {
  const doc = `{"participants":[{"id":"a","name":"Ana"}],"utterances":[${"1,".repeat(MAX_SEGMENTS)}1]}`;
  refused(
    () => parseTranscript(doc, { fileName: "big.json" }),
    /^big\.json \(utterances\): invalid Call Coach JSON: 250,001 utterances; at most 250,000 are accepted$/,
  );
});

test("invalid Call Coach JSON names its first invalid entry, however many follow", () => {
  const bad = Array.from({ length: 100_000 }, (_, i) => ({ speakerId: "a", start_s: -i - 1, end_s: "x" }));
  const doc = {
    participants: [{ id: "a", name: "Ana" }],
    utterances: [{ speakerId: "a", start_s: 0, end_s: 1, text: "Hi." }, ...bad],
  };
  refused(
    () => parseTranscript(JSON.stringify(doc), { fileName: "bad.json" }),
    /^bad\.json \(utterances\[1\]\.start_s\): invalid Call Coach JSON: .*>=0/,
  );
});

test("Gong exports are validated the same way: the first bad sentence, by path", () => {
  const sentences = Array.from({ length: 50_000 }, () => ({ start: "x", end: 1, text: "a" }));
  const doc = { callTranscripts: [{ callId: "1", transcript: [{ speakerId: "s", sentences }] }] };
  refused(
    () => parseTranscript(JSON.stringify(doc), { fileName: "g.json" }),
    /^g\.json \(callTranscripts\[0\]\.transcript\[0\]\.sentences\[0\]\.start\): invalid Gong export/,
  );
});

test("more distinct speakers than the limit is refused, naming the line", () => {
  // "Speaker N" labels allow at most 3 digits; letters give enough distinct names.
  const names = Array.from({ length: MAX_SPEAKERS + 1 }, (_, i) => `[00:00:01] Ana ${toLetters(i)}: Hi.`);
  refused(
    () => parseTranscript(names.join("\n"), { fileName: "crowd.txt" }),
    new RegExp(`^crowd\\.txt:${MAX_SPEAKERS + 1}: more than 100,000 distinct speakers`),
  );
});

test("a string input over the size limit is refused before parsing", () => {
  refused(
    () => parseTranscript("a".repeat(MAX_TRANSCRIPT_BYTES + 1), { fileName: "huge.txt" }),
    /^huge\.txt: transcript is 20,971,521 characters; at most 20,971,520 are accepted/,
  );
});

test("many speakers resolve to one participant each, with unique ids", () => {
  const lines = Array.from(
    { length: 5000 },
    (_, i) => `[00:${pad(Math.floor(i / 60) % 60)}:${pad(i % 60)}] Ana ${toLetters(i)}: Hello there.`,
  );
  // Same names again, spelled with other case and spacing: they are the same people.
  lines.push(
    `[01:40:00] ana  ${toLetters(676).toLowerCase()}: Again.`,
    `[01:40:05] ANA ${toLetters(27).toUpperCase()}: Again.`,
  );
  const call = parseTranscript(lines.join("\n"), { fileName: "many.txt" });
  assert.equal(call.participants.length, 5000);
  assert.equal(new Set(call.participants.map((p) => p.id)).size, 5000);
  const last = call.utterances.at(-1)!;
  assert.equal(call.participants.find((p) => p.id === last.speakerId)?.name, `Ana ${toLetters(27)}`);
});

function toLetters(n: number): string {
  let s = "";
  let k = n;
  do {
    s = String.fromCharCode(97 + (k % 26)) + s;
    k = Math.floor(k / 26);
  } while (k > 0);
  return `B${s}`;
}
const pad = (n: number) => String(n).padStart(2, "0");
