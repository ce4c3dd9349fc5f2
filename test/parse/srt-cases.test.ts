/**
 * SRT cases in the spirit of pysrt's test files (pysrt is GPL, so none of its files are copied:
 * these are written anew): a positioning code alone on a line, CRLF line ends with a BOM,
 * coordinates after the timing, font tags, an empty cue, no final newline.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Call } from "../../src/model/call.js";
import { parseTranscript } from "../../src/parse/index.js";

const rows = (call: Call) =>
  call.utterances.map((u) => [
    call.participants.find((p) => p.id === u.speakerId)?.name,
    u.start_s,
    u.end_s,
    u.text,
  ]);

test("{\\an8} alone on a line stays inside its cue; the text under it is kept", () => {
  const srt = [
    "1",
    "00:00:01,000 --> 00:00:03,000",
    "{\\an8}",
    "Ana Silva: Can everyone see my screen?",
    "",
    "2",
    "00:00:04,000 --> 00:00:05,500",
    "Bo Chen: Yes.",
    "",
  ].join("\n");
  const call = parseTranscript(srt, { fileName: "positions.srt" });
  assert.deepEqual(rows(call), [
    ["Ana Silva", 1, 3, "Can everyone see my screen?"],
    ["Bo Chen", 4, 5.5, "Yes."],
  ]);
  assert.ok(!call.warnings.some((w) => /skipped/.test(w)));
});

test("CRLF line ends, a UTF-8 BOM, coordinates after the timing, font tags, no final newline", () => {
  const srt = [
    "1",
    "00:00:01,000 --> 00:00:03,000 X1:100 X2:600 Y1:50 Y2:80",
    '<font color="#ffff00">Ana Silva:</font> Hello <b>there</b>.',
    "",
    "2",
    "00:00:04,000 --> 00:00:06,000",
    "Bo Chen: Hi Ana,",
    "good to see you.",
  ].join("\r\n");
  const call = parseTranscript(Buffer.from(`\uFEFF${srt}`, "utf8"), { fileName: "windows.srt" });
  assert.deepEqual(rows(call), [
    ["Ana Silva", 1, 3, "Hello there."],
    ["Bo Chen", 4, 6, "Hi Ana, good to see you."],
  ]);
});

test("a cue with no text is passed over; the cues around it are read", () => {
  const srt =
    "1\n00:00:01,000 --> 00:00:02,000\nAna Silva: One.\n\n2\n00:00:02,500 --> 00:00:03,000\n\n3\n00:00:05,000 --> 00:00:06,000\nBo Chen: Three.\n";
  const call = parseTranscript(srt, { fileName: "gap.srt" });
  assert.deepEqual(rows(call), [
    ["Ana Silva", 1, 2, "One."],
    ["Bo Chen", 5, 6, "Three."],
  ]);
});
