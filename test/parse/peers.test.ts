/**
 * The peer corpus (test/fixtures/peers, sources and licences in its NOTICE): test files of other
 * WebVTT/SRT parsers, run through Call Coach.
 *
 * 1. Cue level, against the peers' own expectations: every vtt.js file against its expected-cues
 *    JSON (ids and times), every web-platform-tests file against the `assert_equals` lines of its
 *    .test source (cue count, ids, texts). Where vtt.js predates the current spec and WPT, the spec
 *    wins; those files are listed in SPEC_OVER_VTTJS with the reason.
 * 2. Transcript level, one row per file: it parses into the stated utterances and speakers (and
 *    warnings, when a block was skipped), or it is refused with the stated reason.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { InputError } from "../../src/errors.js";
import { parseTranscript } from "../../src/parse/index.js";
import { parseWebVtt } from "../../src/parse/webvtt.js";

const root = join(import.meta.dirname, "..", "fixtures", "peers");
const read = (rel: string) => readFileSync(join(root, rel));

// vtt.js expectations that the current spec (and WPT's tests of it) contradict.
const SPEC_OVER_VTTJS: Record<string, { cues: [string, number, number][]; why: string }> = {
  "cue-times/min-top-digits.vtt": {
    cues: [],
    why: '"000:00.000": a first field that is not two digits is hours, so seconds must follow (WPT timings-too-long)',
  },
  "cue-times/minimum-spots-over-sixty.vtt": {
    cues: [],
    why: '"120:00.000": a first field over 59 is hours, so seconds must follow (WPT timings-too-long)',
  },
  "file-layout/header-no-new-line.vtt": {
    cues: [["", 11, 13]],
    why: "a timing line right under WEBVTT ends the header and starts a cue (spec: collect a block, in header)",
  },
  "integration/id.vtt": {
    cues: [
      ["1", 1, 2],
      ["Random", 2, 3],
      ["12*AS& Over ...", 3, 4],
      ["", 4, 5],
      ["ja88120 aa", 6, 7],
    ],
    why: 'a "-->" line above a timing line is a failed cue; the timing line starts the next block (WPT arrows)',
  },
};

describe("peer corpus, cue level: the peers' own expectations", () => {
  const map = JSON.parse(read("vtt.js/tests.json").toString()) as Record<string, string>;
  for (const [vtt, expected] of Object.entries(map)) {
    test(`vtt.js ${vtt}`, () => {
      const text = read(`vtt.js/${vtt}`)
        .toString("utf8")
        .replace(/^\uFEFF/, "");
      const json = JSON.parse(read(`vtt.js/${expected}`).toString());
      const peer = ((Array.isArray(json) ? json : json.cues) ?? []) as {
        id: string;
        startTime: number;
        endTime: number;
      }[];
      const want = SPEC_OVER_VTTJS[vtt]?.cues ?? peer.map((c) => [c.id, c.startTime, c.endTime]);
      let got: [string, number, number][];
      try {
        got = parseWebVtt(text, vtt).cues.map((c) => [c.id, c.start_s, c.end_s]);
      } catch (err) {
        // No signature: vtt.js gives no cues; Call Coach refuses the file.
        assert.ok(err instanceof InputError && /not a WebVTT file/.test(err.message), String(err));
        got = [];
      }
      assert.deepEqual(got, want);
    });
  }

  for (const name of [
    "arrows",
    "ids",
    "newlines",
    "whitespace-chars",
    "timings-omitted-hours",
    "timings-too-short",
    "timings-too-long",
    "timings-negative",
    "signature-no-newline",
  ]) {
    test(`web-platform-tests ${name}`, () => {
      const source = read(`wpt/${name}.test`).toString();
      const cues = parseWebVtt(read(`wpt/${name}.vtt`).toString(), name).cues;
      const expected = Number(/assert_equals\(cues\.length, (\d+)/.exec(source)![1]);
      assert.equal(cues.length, expected);
      for (const m of source.matchAll(/assert_equals\(cues\[(\d+)\]\.(id|text), (["'])(.*?)\3\);/g)) {
        const value = JSON.parse(`"${m[4]!.replace(/\\u([0-9A-F]{4})/g, "\\u$1")}"`) as string;
        assert.equal(cues[Number(m[1])]![m[2] as "id" | "text"], value, `cues[${m[1]}].${m[2]}`);
      }
      // timings-negative lists [start, end] pairs.
      const pairs = [...source.matchAll(/\[(\d+(?:\.\d+)?), (\d+(?:\.\d+)?)\],/g)];
      for (const [index, match] of pairs.entries()) {
        assert.deepEqual([cues[index]!.start_s, cues[index]!.end_s], [Number(match[1]), Number(match[2])]);
      }
    });
  }
});

type Row =
  | { file: string; utterances: number; speakers: string[]; warnings?: RegExp[] }
  | { file: string; refused: RegExp };

const U = "Unknown speaker";
// Warnings every call without --internal gets; not what these rows are about.
const ROUTINE = /no speaker is known to be on your team|only one speaker in this call/;

const ROWS: Row[] = [
  // vtt.js
  {
    file: "vtt.js/cue-times/fraction-digits.vtt",
    refused:
      /:3: broken cue timing "00:00\.00 --> 00:02\.000": start time: milliseconds need exactly three digits/,
  },
  { file: "vtt.js/cue-times/fractions.vtt", utterances: 1, speakers: [U] },
  {
    file: "vtt.js/cue-times/incorrect-delimiter.vtt",
    refused: /:3: broken cue timing "00\.00\.000 --> 00:02\.000"/,
  },
  { file: "vtt.js/cue-times/left-tab.vtt", utterances: 1, speakers: [U] },
  { file: "vtt.js/cue-times/max-spot-digits.vtt", utterances: 1, speakers: [U] },
  { file: "vtt.js/cue-times/max-spots-over-sixty.vtt", utterances: 1, speakers: [U] },
  { file: "vtt.js/cue-times/max-time-spots.vtt", utterances: 1, speakers: [U] },
  {
    file: "vtt.js/cue-times/min-mid-digits.vtt",
    refused:
      /:3: broken cue timing "00:000\.000 --> 00:02\.000": start time: minutes and seconds need exactly two digits/,
  },
  {
    file: "vtt.js/cue-times/min-top-digits.vtt",
    refused:
      /:3: broken cue timing "000:00\.000 --> 00:02\.000": start time: expected ':' before the seconds/,
  },
  {
    file: "vtt.js/cue-times/minimum-spots-over-sixty.vtt",
    refused: /:3: broken cue timing "120:00\.000 --> 120:10\.000"/,
  },
  { file: "vtt.js/cue-times/minimum-time-spots.vtt", utterances: 1, speakers: [U] },
  { file: "vtt.js/cue-times/mismatched-time-spots.vtt", utterances: 1, speakers: [U] },
  { file: "vtt.js/cue-times/missing-separator.vtt", refused: /WebVTT file has no captions with text$/ },
  { file: "vtt.js/cue-times/missing-spaces-between-separator.vtt", utterances: 1, speakers: [U] },
  { file: "vtt.js/cue-times/separator-extra-space.vtt", utterances: 1, speakers: [U] },
  { file: "vtt.js/cue-times/separator-tab.vtt", utterances: 1, speakers: [U] },
  { file: "vtt.js/cue-times/space-left-tab-right.vtt", utterances: 1, speakers: [U] },
  { file: "vtt.js/cue-times/space-right-tab-left.vtt", utterances: 1, speakers: [U] },
  { file: "vtt.js/cue-times/spaces-tabs-on-both-sides.vtt", utterances: 1, speakers: [U] },
  { file: "vtt.js/cue-times/tab-right.vtt", utterances: 1, speakers: [U] },
  { file: "vtt.js/cuetext/escape-characters/amp.vtt", utterances: 1, speakers: [U] },
  { file: "vtt.js/cuetext/escape-characters/gt.vtt", utterances: 1, speakers: [U] },
  { file: "vtt.js/cuetext/escape-characters/incorrect.vtt", utterances: 1, speakers: [U] },
  { file: "vtt.js/cuetext/escape-characters/lrm.vtt", utterances: 1, speakers: [U] },
  { file: "vtt.js/cuetext/escape-characters/lt.vtt", utterances: 1, speakers: [U] },
  { file: "vtt.js/cuetext/escape-characters/nbsp.vtt", utterances: 1, speakers: [U] },
  { file: "vtt.js/cuetext/escape-characters/rlm.vtt", utterances: 1, speakers: [U] },
  { file: "vtt.js/cuetext/escape-characters/together.vtt", utterances: 1, speakers: [U] },
  // "<v Bob" with no ">" is a voice tag to the end of the cue: no words are left.
  { file: "vtt.js/cuetext/voice/no-end-gt.vtt", refused: /WebVTT file has no captions with text$/ },
  { file: "vtt.js/cuetext/voice/not-closed.vtt", utterances: 1, speakers: [U] },
  { file: "vtt.js/cuetext/voice/with-annotation.vtt", utterances: 1, speakers: ["Mary"] },
  { file: "vtt.js/cuetext/voice/with-closing-span.vtt", utterances: 1, speakers: ["Joe"] },
  { file: "vtt.js/cuetext/voice/with-subclass.vtt", utterances: 1, speakers: ["Joe"] },
  { file: "vtt.js/cuetext/voice/with-two-subclasses.vtt", utterances: 1, speakers: ["Joe"] },
  {
    file: "vtt.js/file-layout/bad-double-webvtt.vtt",
    refused: /:1: not a WebVTT file: the first line must be "WEBVTT"$/,
  },
  { file: "vtt.js/file-layout/blank-file-with-bom.vtt", refused: /file is empty \(only whitespace\)$/ },
  { file: "vtt.js/file-layout/blank-file.vtt", refused: /file is empty$/ },
  { file: "vtt.js/file-layout/bom-garbage-data.vtt", refused: /:1: not a WebVTT file/ },
  { file: "vtt.js/file-layout/bom-tab-webvtt.vtt", refused: /:1: not a WebVTT file/ },
  { file: "vtt.js/file-layout/cue-spacing.vtt", utterances: 2, speakers: [U] },
  { file: "vtt.js/file-layout/garbage-signature.vtt", refused: /:1: not a WebVTT file/ },
  { file: "vtt.js/file-layout/header-no-new-line.vtt", utterances: 1, speakers: [U] },
  { file: "vtt.js/file-layout/many-comments.vtt", utterances: 1, speakers: [U] },
  { file: "vtt.js/file-layout/newline-before-webvtt.vtt", refused: /:1: not a WebVTT file/ },
  { file: "vtt.js/file-layout/no-space-cue-times-cue-settings.vtt", utterances: 1, speakers: [U] },
  { file: "vtt.js/file-layout/tab-after-bom-before-header.vtt", refused: /:1: not a WebVTT file/ },
  { file: "vtt.js/file-layout/webvtt-no-bom.vtt", utterances: 1, speakers: [U] },
  { file: "vtt.js/file-layout/webvtt-space.vtt", utterances: 1, speakers: [U] },
  { file: "vtt.js/file-layout/webvtt-tab.vtt", utterances: 1, speakers: [U] },
  { file: "vtt.js/file-layout/webvtt-with-bom.vtt", utterances: 1, speakers: [U] },
  // One cue whose id is all arrows and whose text is empty.
  { file: "vtt.js/integration/arrows.vtt", refused: /WebVTT file has no captions with text$/ },
  { file: "vtt.js/integration/cue-content-class.vtt", utterances: 1, speakers: ["Mary"] },
  { file: "vtt.js/integration/cue-content.vtt", utterances: 1, speakers: ["Neil deGrasse Tyson"] },
  { file: "vtt.js/integration/cue-identifier.vtt", utterances: 1, speakers: [U] },
  {
    file: "vtt.js/integration/cycle-collector-talk.vtt",
    utterances: 7,
    speakers: ["Kyle Huey", "Chris Pearce"],
  },
  { file: "vtt.js/integration/id.vtt", utterances: 1, speakers: [U] },
  { file: "vtt.js/integration/not-only-nested-cues.vtt", utterances: 1, speakers: [U] },
  { file: "vtt.js/integration/one-line-comment.vtt", utterances: 1, speakers: [U] },
  { file: "vtt.js/integration/only-nested-cues.vtt", utterances: 1, speakers: [U] },
  { file: "vtt.js/integration/regions.vtt", utterances: 1, speakers: [U] },
  {
    file: "vtt.js/integration/spec-example.vtt",
    utterances: 5,
    speakers: ["Roger Bingham", "Neil deGrasse Tyson"],
    warnings: [/^3 utterance\(s\) overlap the previous speaker/],
  },
  // webvtt-py
  { file: "webvtt-py/captions_with_bom.vtt", utterances: 1, speakers: [U] },
  { file: "webvtt-py/comments.vtt", utterances: 1, speakers: [U] },
  { file: "webvtt-py/cue_tags.vtt", utterances: 1, speakers: [U] },
  { file: "webvtt-py/empty.vtt", refused: /file is empty$/ },
  { file: "webvtt-py/invalid.vtt", refused: /:1: not a WebVTT file/ },
  { file: "webvtt-py/invalid_format1.srt", refused: /SRT file has no captions with text$/ },
  { file: "webvtt-py/invalid_format2.srt", refused: /SRT file has no captions with text$/ },
  { file: "webvtt-py/invalid_format3.srt", refused: /SRT file has no captions with text$/ },
  { file: "webvtt-py/invalid_format4.srt", refused: /SRT file has no captions with text$/ },
  // webvtt-py refuses "00:00:07,000 --> 00:00:11.890"; Call Coach reads SRT times with "," or ".".
  { file: "webvtt-py/invalid_timeframe.srt", utterances: 1, speakers: [U] },
  {
    file: "webvtt-py/invalid_timeframe.vtt",
    utterances: 2,
    speakers: [U],
    warnings: [
      /^line 6: cue skipped, broken timing "00:00:07\.000 --> 00:00:1d\.890" .*its text "Caption text #2" is left out$/,
    ],
  },
  // The second timing line inside a cue starts a new cue (spec), so no line becomes cue text.
  { file: "webvtt-py/invalid_timeframe_in_cue_text.vtt", utterances: 1, speakers: [U] },
  { file: "webvtt-py/metadata_headers.vtt", utterances: 1, speakers: [U] },
  { file: "webvtt-py/metadata_headers_multiline.vtt", utterances: 1, speakers: [U] },
  { file: "webvtt-py/missing_caption_text.srt", utterances: 2, speakers: [U] },
  { file: "webvtt-py/missing_caption_text.vtt", utterances: 2, speakers: [U] },
  {
    file: "webvtt-py/missing_timeframe.srt",
    utterances: 2,
    speakers: [U],
    warnings: [/^line 5: block without a timing line skipped; its text "2 Caption text #2" is left out$/],
  },
  {
    file: "webvtt-py/missing_timeframe.vtt",
    utterances: 2,
    speakers: [U],
    warnings: [/^line 6: block without a timing line skipped; its text "Caption text #2" is left out$/],
  },
  // Whitespace-only lines before cue ids: read, not refused.
  { file: "webvtt-py/netflix_chicas_del_cable.vtt", utterances: 155, speakers: [U, "Digo"] },
  { file: "webvtt-py/no_captions.vtt", refused: /WebVTT file has no captions with text$/ },
  { file: "webvtt-py/one_caption.srt", utterances: 1, speakers: [U] },
  { file: "webvtt-py/one_caption.vtt", utterances: 1, speakers: [U] },
  { file: "webvtt-py/sample.srt", utterances: 1, speakers: [U] },
  { file: "webvtt-py/sample.vtt", utterances: 1, speakers: [U] },
  { file: "webvtt-py/styles.vtt", utterances: 1, speakers: [U] },
  { file: "webvtt-py/using_identifiers.vtt", utterances: 1, speakers: [U] },
  { file: "webvtt-py/youtube_dl.vtt", utterances: 1, speakers: [U] },
  // web-platform-tests
  {
    file: "wpt/arrows.vtt",
    utterances: 1,
    speakers: [U],
  },
  { file: "wpt/ids.vtt", utterances: 1, speakers: [U] },
  { file: "wpt/newlines.vtt", utterances: 1, speakers: [U] },
  { file: "wpt/signature-no-newline.vtt", refused: /WebVTT file has no captions with text$/ },
  {
    file: "wpt/timings-negative.vtt",
    utterances: 3,
    speakers: [U],
    warnings: [/^3 segment\(s\) ended before they started; their end was set to their start$/],
  },
  { file: "wpt/timings-omitted-hours.vtt", utterances: 1, speakers: [U] },
  {
    file: "wpt/timings-too-long.vtt",
    utterances: 1,
    speakers: [U],
    warnings: Array(13).fill(/^line \d+: cue skipped, broken timing .* its text "invalid" is left out$/),
  },
  {
    file: "wpt/timings-too-short.vtt",
    utterances: 1,
    speakers: [U],
    warnings: Array(30).fill(/^line \d+: cue skipped, broken timing .* its text "invalid" is left out$/),
  },
  // Vertical tab is not whitespace in a timing line: that cue is skipped, and said so.
  {
    file: "wpt/whitespace-chars.vtt",
    utterances: 1,
    speakers: [U],
    warnings: [
      /^line 16: cue skipped, broken timing .*\(start time: no timestamp\); its text "text4" is left out$/,
    ],
  },
  // cdown/srt
  { file: "srt/ascii.srt", utterances: 1, speakers: [U] },
  // GB2312 is not among the encodings read: decoded as Windows-1252, with a warning that says so.
  {
    file: "srt/gb2312.srt",
    utterances: 1,
    speakers: [U],
    warnings: [/^not UTF-8 \(first non-UTF-8 byte 0xd3 on line 3\); decoded as Windows-1252/],
  },
];

describe("peer corpus, transcript level: parsed or refused for a stated reason", () => {
  for (const row of ROWS) {
    test(row.file, () => {
      const path = join(root, row.file);
      const run = () => parseTranscript(read(row.file), { fileName: path });
      if ("refused" in row) {
        assert.throws(run, (err: unknown) => {
          assert.ok(err instanceof InputError, String(err));
          assert.ok(err.message.startsWith(path), err.message);
          assert.match(err.message, row.refused);
          return true;
        });
        return;
      }
      const call = run();
      assert.equal(call.utterances.length, row.utterances);
      assert.deepEqual(
        call.participants.map((p) => p.name),
        row.speakers,
      );
      const warnings = call.warnings.filter((w) => !ROUTINE.test(w));
      assert.equal(warnings.length, row.warnings?.length ?? 0, warnings.join("\n"));
      for (const [i, re] of (row.warnings ?? []).entries()) assert.match(warnings[i]!, re);
    });
  }
});
