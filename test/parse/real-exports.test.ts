/**
 * Shapes of real exports that were refused or misread (issue 12), each from a fixture file in
 * test/fixtures/transcripts: Teams captions (entities in voice names, two voices in one cue, talk
 * time from cue durations), the same file in UTF-32, Zoom's AI Companion transcript, Google Meet's
 * transcript, and Gong's documented API example (epoch `started`, each response alone).
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, test } from "node:test";
import { computeMetrics } from "../../src/analyze/metrics.js";
import { InputError } from "../../src/errors.js";
import type { Call } from "../../src/model/call.js";
import { parseTranscript, parseTranscriptFile, parseTranscriptFiles } from "../../src/parse/index.js";

const fixture = (name: string) => join(import.meta.dirname, "..", "fixtures", "transcripts", name);
const who = (call: Call, id: string) => call.participants.find((p) => p.id === id)?.name;
const rows = (call: Call) => call.utterances.map((u) => [who(call, u.speakerId), u.start_s, u.end_s, u.text]);

describe("Teams WebVTT", () => {
  test("voice names with character references are decoded, so --internal matches them", async () => {
    const call = await parseTranscriptFile(fixture("teams-farias.vtt"), { internal: ["Carlos Farías"] });
    assert.deepEqual(
      call.participants.map((p) => [p.name, p.side]),
      [
        ["Carlos Farías", "internal"],
        ["Ingrid Solberg", "external"],
        ["José Núñez", "external"],
      ],
    );
    assert.ok(!call.warnings.some((w) => /does not match any speaker/.test(w)));
  });

  test("two voices in one cue are two utterances, the cue's time shared by length", async () => {
    const call = await parseTranscriptFile(fixture("teams-farias.vtt"));
    const i = call.utterances.findIndex((u) => u.text === "That's common.");
    const [ingrid, jose] = [call.utterances[i]!, call.utterances[i + 1]!];
    assert.equal(who(call, ingrid.speakerId), "Ingrid Solberg");
    assert.equal(who(call, jose.speakerId), "José Núñez");
    assert.equal(jose.text, "Can I add something? The retries are manual too.");
    // 35.02 → 41.5 (6.48 s) split 14 : 48 characters.
    assert.equal(ingrid.start_s, 35.02);
    assert.equal(ingrid.end_s, jose.start_s);
    assert.ok(Math.abs(ingrid.end_s - (35.02 + (6.48 * 14) / 62)) < 0.001);
    assert.equal(jose.end_s, 41.5);
  });

  test("talk time comes from cue durations: silent gaps between one speaker's cues are not talk", async () => {
    const call = await parseTranscriptFile(fixture("teams-farias.vtt"), { internal: ["Ingrid Solberg"] });
    // Carlos's cues at 13.9–16.25, 21.4–23.18 and 31.05–34.3 are separated by 5 s and 8 s of
    // silence: three utterances, not one 20 s turn.
    const carlos = call.utterances.filter(
      (u) => who(call, u.speakerId) === "Carlos Farías" && u.start_s > 13,
    );
    assert.deepEqual(
      carlos.slice(0, 3).map((u) => [u.start_s, u.end_s]),
      [
        [13.9, 16.25],
        [21.4, 23.18],
        [31.05, 34.3],
      ],
    );
    // Ingrid's two cues 0.69 s apart are one utterance (a breath between captions).
    assert.deepEqual(rows(call)[1]!.slice(1, 3), [5.61, 12.76]);
  });

  test("an unlabelled cue an hour later does not make an hour-long monologue", async () => {
    const call = await parseTranscriptFile(fixture("teams-farias.vtt"), { internal: ["Carlos Farías"] });
    const last = call.utterances.at(-1)!;
    assert.equal(who(call, last.speakerId), "Carlos Farías", "continues the previous speaker");
    assert.deepEqual([last.start_s, last.end_s], [3735, 3737.3]);
    assert.equal(call.utterances.at(-2)!.text, "Super.", "not merged across the hour of silence");
    const m = computeMetrics(call);
    // Carlos's talk: 3.44 + 2.35 + 1.78 + 3.25 + 0.85 + 2.3 = 13.97 s; Ingrid and José:
    // 7.15 + 1.463 + 5.017 + 6.7 = 20.33 s. 13.97 / 34.3 = 0.407 (it was 0.994 when the last cue
    // was merged into "Super." across the hour).
    assert.equal(m.talk_ratio_internal, 0.407);
    // His longest stretch, 13.9 → 34.3 s, less the 5.15 s and 7.87 s silences: 2.35 + 1.78 + 3.25.
    assert.equal(m.longest_monologue_s, 7.4);
  });

  test("the same captions saved as UTF-32 with a BOM give the same call", async () => {
    const utf8 = await parseTranscriptFile(fixture("teams-farias.vtt"));
    const utf32 = await parseTranscriptFile(fixture("teams-farias.utf32.vtt"));
    assert.deepEqual(rows(utf32), rows(utf8));
    assert.deepEqual(utf32.warnings, utf8.warnings);
  });
});

describe("Zoom AI Companion transcript", () => {
  test("[Name] hh:mm:ss headers with the words below; times of day become offsets", async () => {
    const call = await parseTranscriptFile(fixture("zoom-ai.txt"), {
      internal: ["Dana Whitfield", "Priya Raman"],
    });
    assert.equal(call.source.format, "text");
    assert.equal(call.source.timing, "starts");
    assert.equal(call.utterances.length, 9);
    const [first, , , marcus] = call.utterances;
    assert.equal(who(call, first!.speakerId), "Dana Whitfield");
    assert.equal(first!.start_s, 0);
    assert.equal(marcus!.start_s, 25, "11:02:34 − 11:02:09");
    assert.equal(
      marcus!.text,
      "Sure. We have around forty Airflow DAGs on a single VM, plus some cron jobs nobody wants to touch. When the VM restarts, half of them don't come back.",
    );
    assert.deepEqual(
      call.participants.map((p) => [p.name, p.side]),
      [
        ["Dana Whitfield", "internal"],
        ["Marcus Oyelaran", "external"],
        ["Priya Raman", "internal"],
      ],
    );
  });

  test("a meeting past midnight keeps counting up", () => {
    const text = "[Ana Silva] 23:59:50\nStill there?\n\n[Bo Chen] 00:00:05\nYes, still here.\n";
    const call = parseTranscript(text, { fileName: "late.txt" });
    assert.deepEqual(
      call.utterances.map((u) => u.start_s),
      [0, 15],
    );
  });
});

describe("Google Meet transcript", () => {
  test("title and attendee lines are preamble, bare time marks anchor the estimated times", async () => {
    const call = await parseTranscriptFile(fixture("meet.txt"), { internal: ["Leo Marchetti"] });
    assert.equal(call.source.timing, "estimated");
    assert.equal(call.utterances.length, 11);
    assert.ok(
      call.utterances.every((u) => !/\d\d:\d\d:\d\d|Meeting ended/.test(u.text)),
      "marks are not speech",
    );
    const afterMark = call.utterances.find((u) => u.text.startsWith("And what does pricing"))!;
    assert.equal(afterMark.start_s, 300, "the first line under 00:05:00 starts there");
    assert.equal(who(call, afterMark.speakerId), "Sofia Brandt");
    assert.equal(call.participants.find((p) => p.name === "Tomás Ibarra")?.side, "external");
    assert.ok(call.warnings.some((w) => /1 line\(s\) before the first speaker|line\(s\) before/.test(w)));
    assert.ok(call.warnings.some((w) => /between the 2 time mark\(s\) are estimated/.test(w)));
  });
});

describe("Gong documented example", () => {
  test("numeric metaData.started (epoch seconds) with the transcript, in either order", async () => {
    for (const order of [
      ["gong-docs.extensive.json", "gong-docs.transcript.json"],
      ["gong-docs.transcript.json", "gong-docs.extensive.json"],
    ]) {
      const call = await parseTranscriptFiles(order.map(fixture));
      assert.equal(call.started_at, "2018-02-17T10:30:00Z");
      assert.equal(call.id, "7782342274025937895");
      assert.deepEqual(
        call.participants.map((p) => [p.name, p.side]),
        [
          ["Test User", "internal"],
          ["Jamie Buyer", "external"],
        ],
      );
      assert.equal(call.utterances.length, 3);
      assert.equal(call.utterances[1]!.topic, "Objections");
    }
  });

  test("ISO metaData.started is kept as given", async () => {
    const doc = JSON.parse(await readFile(fixture("gong-docs.extensive.json"), "utf8"));
    doc.calls[0].metaData.started = "2018-02-17T02:30:00-08:00";
    doc.callTranscripts = JSON.parse(
      await readFile(fixture("gong-docs.transcript.json"), "utf8"),
    ).callTranscripts;
    const call = parseTranscript(JSON.stringify(doc), { fileName: "merged.json" });
    assert.equal(call.started_at, "2018-02-17T02:30:00-08:00");
  });

  test("the transcript response alone parses with anonymous speakers", async () => {
    const call = await parseTranscriptFile(fixture("gong-docs.transcript.json"), {
      internal: ["Unknown speaker 1"],
    });
    assert.deepEqual(
      call.participants.map((p) => [p.name, p.side]),
      [
        ["Unknown speaker 1", "internal"],
        ["Unknown speaker 2", "external"],
      ],
    );
  });

  test("the extensive response alone is refused: it has no words", async () => {
    await assert.rejects(
      parseTranscriptFile(fixture("gong-docs.extensive.json")),
      (err: unknown) =>
        err instanceof InputError &&
        /gong-docs\.extensive\.json \(callTranscripts\): this is a Gong \/v2\/calls\/extensive response without the transcript/.test(
          err.message,
        ),
    );
  });
});
