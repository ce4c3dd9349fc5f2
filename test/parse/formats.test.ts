/**
 * Every supported transcript format, parsed from realistic fixture calls on disk
 * (test/fixtures/transcripts). Each fixture is a call written for these tests; the Gong fixture
 * also exists split into its two API responses.
 */
import assert from "node:assert/strict";
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Call } from "../../src/model/call.js";
import {
  detectFormat,
  parseTranscript,
  parseTranscriptFile,
  parseTranscriptFiles,
} from "../../src/parse/index.js";

const dir = join(import.meta.dirname, "..", "fixtures", "transcripts");
const fixture = (name: string) => join(dir, name);
const speakerName = (call: Call, id: string) => call.participants.find((p) => p.id === id)?.name;
const side = (call: Call, name: string) => call.participants.find((p) => p.name === name)?.side;

describe("plain text", () => {
  test("[hh:mm:ss] Name: text — one utterance per line, times from the line", async () => {
    const call = await parseTranscriptFile(fixture("lumen-grid.txt"), {
      internal: ["Claire Dubois", "Ravi Menon"],
    });
    assert.equal(call.source.format, "text");
    assert.equal(call.source.timing, "starts", "start times only: ends are estimated");
    assert.equal(call.utterances.length, 24);
    const first = call.utterances[0]!;
    assert.equal(speakerName(call, first.speakerId), "Claire Dubois");
    assert.equal(first.start_s, 2);
    assert.deepEqual(
      first.sentences.map((s) => s.text),
      [
        "Good morning Sven, good morning Nkechi, thanks for making the time.",
        "I've got Ravi from our solutions team with me today.",
      ],
    );
    // "[00:00:11] Sven Aalto: …" is the next line.
    assert.equal(call.utterances[1]!.start_s, 11);
    assert.equal(side(call, "Ravi Menon"), "internal");
    assert.equal(side(call, "Sven Aalto"), "external");
    assert.deepEqual(call.warnings, []);
  });

  test("Name (hh:mm:ss): text gives the same call as the bracketed form", async () => {
    const bracketed = await parseTranscriptFile(fixture("lumen-grid.txt"));
    const nameTime = await parseTranscriptFile(fixture("lumen-grid.nametime.txt"));
    assert.deepEqual(
      nameTime.utterances.map((u) => [u.speakerId, u.start_s, u.text]),
      bracketed.utterances.map((u) => [u.speakerId, u.start_s, u.text]),
    );
  });

  test("untimed Name: text — same speakers and words, times estimated at 2.5 words/s", async () => {
    const bracketed = await parseTranscriptFile(fixture("lumen-grid.txt"));
    const untimed = await parseTranscriptFile(fixture("lumen-grid.untimed.txt"));
    assert.equal(untimed.source.timing, "estimated");
    assert.deepEqual(
      untimed.utterances.map((u) => [u.speakerId, u.text]),
      bracketed.utterances.map((u) => [u.speakerId, u.text]),
    );
    // First line: 21 words → 21 / 2.5 = 8.4 s; the next starts after a 0.5 s turn gap.
    assert.equal(untimed.utterances[0]!.start_s, 0);
    assert.equal(untimed.utterances[0]!.end_s, 8.4);
    assert.equal(untimed.utterances[1]!.start_s, 8.9);
    assert.ok(untimed.warnings.some((w) => /times are estimated/.test(w)));
  });

  test("Otter style: a 'Name  mm:ss' header line, then the text", async () => {
    const call = await parseTranscriptFile(fixture("marlow.otter.txt"), {
      internal: ["Nina Albrecht", "Kofi Mensah"],
    });
    assert.equal(call.source.timing, "starts");
    // 21 speaker lines; Rachel speaks twice in a row, and those two lines form one utterance.
    assert.equal(call.utterances.length, 20);
    const second = call.utterances[1]!;
    assert.equal(speakerName(call, second.speakerId), "Rachel Byrne");
    assert.equal(second.start_s, 9);
    assert.equal(second.text, "Appreciated. We have a hard stop at half past.");
    assert.equal(side(call, "Kofi Mensah"), "internal");
  });

  test("time ranges, 'Speaker N' labels, continuation lines and a title preamble", () => {
    const text = [
      "Weekly sync — exported transcript",
      "[00:00:05 - 00:00:09] Speaker 1: Thanks for joining.",
      "[00:00:10 - 00:00:21] Speaker 2: We run everything on cron today.",
      "It breaks every week.",
      "[00:00:22 - 00:00:30] Speaker 1: Got it. Note: this is just a first look.",
    ].join("\n");
    const call = parseTranscript(text, { fileName: "sync.txt" });
    assert.deepEqual(
      call.utterances.map((u) => [speakerName(call, u.speakerId), u.start_s, u.end_s, u.text]),
      [
        ["Speaker 1", 5, 9, "Thanks for joining."],
        ["Speaker 2", 10, 21, "We run everything on cron today. It breaks every week."],
        ["Speaker 1", 22, 30, "Got it. Note: this is just a first look."],
      ],
    );
    assert.ok(call.warnings.some((w) => /1 line\(s\) before the first speaker/.test(w)));
    assert.equal(call.source.timing, "source", "every line gave its start and end");
  });

  test("untimed: a colon in prose is not a speaker change", () => {
    const text = [
      "Ana Silva: Here is the plan.",
      "The main thing is: we keep the old jobs running.",
      "Bo Chen: Makes sense.",
      "Ana Silva: Good.",
      "Bo Chen: Note: I'll be out Friday.",
    ].join("\n");
    const call = parseTranscript(text, { fileName: "plan.txt" });
    assert.deepEqual(
      call.utterances.map((u) => [speakerName(call, u.speakerId), u.text]),
      [
        ["Ana Silva", "Here is the plan. The main thing is: we keep the old jobs running."],
        ["Bo Chen", "Makes sense."],
        ["Ana Silva", "Good."],
        ["Bo Chen", "Note: I'll be out Friday."],
      ],
    );
  });
});

describe("WebVTT", () => {
  test("Zoom style: numeric cue ids and 'Name: text' inside cues; consecutive cues of one speaker merge", async () => {
    const call = await parseTranscriptFile(fixture("tidewater.vtt"), {
      internal: ["Paula Brandão", "Marek Novak"],
    });
    assert.equal(call.source.format, "vtt");
    assert.equal(call.participants.length, 4);
    // Cues 4 and 5 are both Jin Park: one utterance from 17.95 s to 27.65 s.
    const jin = call.utterances[3]!;
    assert.equal(speakerName(call, jin.speakerId), "Jin Park");
    assert.equal(jin.start_s, 17.95);
    assert.equal(jin.end_s, 27.65);
    assert.equal(
      jin.text,
      "Great. Before the demo, one thing from my side. We're also talking to Dagster, and their asset model is appealing to our analysts.",
    );
    assert.equal(jin.sentences.length, 3);
    assert.equal(side(call, "Paula Brandão"), "internal");
    assert.equal(side(call, "Olusegun Adeyemi"), "external");
  });

  test("Teams style: <v Name> voice tags with GUID cue ids", async () => {
    const call = await parseTranscriptFile(fixture("fernhill.vtt"), { internal: ["Emma Lindgren"] });
    assert.equal(call.utterances.length, 26);
    assert.deepEqual(
      call.participants.map((p) => [p.name, p.side]),
      [
        ["Emma Lindgren", "internal"],
        ["Carlos Ruiz", "external"],
        ["Hana Sato", "external"],
      ],
    );
    const last = call.utterances.at(-1)!;
    assert.equal(last.text, "Thanks Emma, speak soon.");
  });

  test("voice tags with classes, markup and entities", () => {
    const vtt = [
      "WEBVTT",
      "",
      "00:00:01.000 --> 00:00:04.000",
      "<v.loud Ana Silva>We need <i>fewer</i> pages &amp; alerts.</v>",
      "",
      "00:00:05.000 --> 00:00:07.000",
      "<v Bo Chen>Agreed.</v>",
    ].join("\n");
    const call = parseTranscript(vtt, { fileName: null });
    assert.deepEqual(
      call.utterances.map((u) => [speakerName(call, u.speakerId), u.text]),
      [
        ["Ana Silva", "We need fewer pages & alerts."],
        ["Bo Chen", "Agreed."],
      ],
    );
  });
});

describe("SRT", () => {
  test("speaker named only where it changes; later cues continue that speaker", async () => {
    const call = await parseTranscriptFile(fixture("quarry.srt"), {
      internal: ["Tobenna Eze", "Lucía Fernández"],
    });
    assert.equal(call.source.format, "srt");
    const greg = call.utterances[1]!;
    assert.equal(speakerName(call, greg.speakerId), "Greg Whitaker");
    // Cue 3 has no speaker label but is still Greg's.
    assert.match(greg.text, /a mix of Luigi and a homegrown scheduler written in 2016\.$/);
    assert.equal(greg.start_s, 8.35);
    assert.equal(side(call, "Lucía Fernández"), "internal");
    assert.equal(side(call, "Priyanka Desai"), "external");
  });

  test("SRT variants the strict split-based parsers lose: no cue numbers, dots, tight arrows, markup", () => {
    const srt = [
      "00:00:01,000 --> 00:00:03,500",
      "Ana Silva: <i>Hello</i> everyone, a < b & c.",
      "",
      "00:00:04.2-->00:00:06.0",
      "Bo Chen: {\\an8}Hi Ana.",
    ].join("\n");
    const call = parseTranscript(srt, { fileName: "tight.srt" });
    assert.deepEqual(
      call.utterances.map((u) => [speakerName(call, u.speakerId), u.start_s, u.end_s, u.text]),
      [
        ["Ana Silva", 1, 3.5, "Hello everyone, a < b & c."],
        ["Bo Chen", 4.2, 6, "Hi Ana."],
      ],
    );
  });
});

describe("Call Coach JSON", () => {
  test("participants with sides, utterances without sentences are split and timed by length", async () => {
    const call = await parseTranscriptFile(fixture("orchid.json"));
    assert.equal(call.source.format, "json");
    assert.equal(call.id, "orchid");
    assert.equal(call.title, "Orchid Health - Prefect follow-up");
    assert.equal(side(call, "Mira Castellanos"), "internal");
    assert.equal(side(call, "Dr. Helen Park"), "external");
    const u = call.utterances.find((x) => x.text.startsWith("They can, a flow run can pause"))!;
    assert.equal(u.sentences.length, 1);
    const two = call.utterances.find((x) => x.sentences.length === 2)!;
    // Sentence times share the utterance span in proportion to their length and tile it exactly.
    assert.equal(two.sentences[0]!.start_s, two.start_s);
    assert.equal(two.sentences[1]!.start_s, two.sentences[0]!.end_s);
    assert.ok(Math.abs(two.sentences[1]!.end_s - two.end_s) < 0.002);
  });
});

describe("Gong", () => {
  test("merged export: parties, affiliation, emails, titles, monologue topics, ms → s", async () => {
    const call = await parseTranscriptFile(fixture("kinsale.gong.json"));
    assert.equal(call.source.format, "gong");
    assert.equal(call.id, "7553782915212056878");
    assert.equal(call.title, "Kinsale Mobility <> Prefect | Discovery");
    assert.equal(call.started_at, "2026-10-22T14:00:00Z");
    assert.deepEqual(
      call.participants.map((p) => [p.name, p.side, p.email, p.title]),
      [
        ["Jonah Feld", "internal", "jonah.feld@prefect.io", "Account Executive"],
        ["Ines Carvalho", "internal", "ines.carvalho@prefect.io", "Solutions Engineer"],
        ["Declan Moore", "external", "declan.moore@kinsalemobility.ie", "Head of Data"],
        ["Yusuf Demir", "external", "yusuf.demir@kinsalemobility.ie", "Data Engineer"],
      ],
      "the invitee without a speakerId never spoke and is not a participant",
    );
    const first = call.utterances[0]!;
    assert.equal(first.topic, "Call Setup");
    assert.deepEqual(first.sentences[0], {
      text: "Hi Declan, hi Yusuf, thanks for joining.",
      start_s: 2,
      end_s: 4.8,
    });
    assert.deepEqual(call.warnings, []);
  });

  test("the two API responses as separate files, in either order, give the merged call", async () => {
    const merged = await parseTranscriptFile(fixture("kinsale.gong.json"));
    for (const order of [
      ["kinsale.extensive.json", "kinsale.transcript.json"],
      ["kinsale.transcript.json", "kinsale.extensive.json"],
    ]) {
      const split = await parseTranscriptFiles(order.map(fixture));
      assert.deepEqual(split.participants, merged.participants);
      assert.deepEqual(split.utterances, merged.utterances);
      assert.equal(split.title, merged.title);
      assert.equal(split.id, merged.id);
    }
  });

  test("a transcript without the call record keeps speakers anonymous until --internal names them", async () => {
    const call = await parseTranscriptFile(fixture("kinsale.transcript.json"));
    assert.deepEqual(
      call.participants.map((p) => [p.name, p.side]),
      [
        ["Unknown speaker 1", "unknown"],
        ["Unknown speaker 2", "unknown"],
        ["Unknown speaker 3", "unknown"],
        ["Unknown speaker 4", "unknown"],
      ],
    );
    assert.ok(call.warnings.some((w) => /pass --internal or the \/v2\/calls\/extensive file/.test(w)));
  });
});

describe("format detection from content", () => {
  let tmp: string;
  before(async () => {
    tmp = await mkdtemp(join(tmpdir(), "cc-detect-"));
  });
  after(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  for (const [source, misnamed, format] of [
    ["fernhill.vtt", "captions.txt", "vtt"],
    ["quarry.srt", "quarry", "srt"],
    ["kinsale.gong.json", "export.txt", "gong"],
    ["orchid.json", "orchid.vtt", "json"],
    ["lumen-grid.txt", "lumen.srt", "text"],
  ] as const) {
    test(`${source} saved as ${misnamed} is still read as ${format}`, async () => {
      const path = join(tmp, misnamed);
      await copyFile(fixture(source), path);
      const call = await parseTranscriptFile(path);
      assert.equal(call.source.format, format === "gong" ? "gong" : format);
      assert.ok(call.utterances.length > 20);
    });
  }

  test("detectFormat looks at the text first, the extension last", () => {
    assert.equal(detectFormat("WEBVTT\n\n00:00.000 --> 00:01.000\nhi", "x.srt"), "vtt");
    assert.equal(detectFormat('{"callTranscripts": []}', "x.txt"), "gong");
    assert.equal(detectFormat('{"participants": [], "utterances": []}', null), "json");
    assert.equal(detectFormat("1\n00:00:01,000 --> 00:00:02,000\nHi", null), "srt");
    assert.equal(detectFormat("[00:00:01] Ana: Hi", "x.vtt"), "text");
  });
});

describe("internal side", () => {
  test("--internal matches names ignoring case, accents and spacing, or by a unique first name", async () => {
    const call = await parseTranscriptFile(fixture("quarry.srt"), {
      internal: ["lucia  FERNANDEZ", "Tobenna"],
    });
    assert.equal(side(call, "Lucía Fernández"), "internal");
    assert.equal(side(call, "Tobenna Eze"), "internal");
    assert.equal(side(call, "Greg Whitaker"), "external");
    assert.deepEqual(call.warnings, []);
  });

  test("--internal names that match no speaker are reported", async () => {
    const call = await parseTranscriptFile(fixture("quarry.srt"), {
      internal: ["Tobenna Eze", "Dana Smith"],
    });
    assert.ok(call.warnings.includes('--internal name "Dana Smith" does not match any speaker in the call'));
  });

  test("the company email domain decides sides when the source has emails but no affiliation", () => {
    const doc = {
      title: "Domain test",
      participants: [
        { id: "a", name: "Ana Silva", email: "ana.silva@prefect.io" },
        { id: "b", name: "Bo Chen", email: "bo@customer.example" },
        { id: "c", name: "Dial-in" },
      ],
      utterances: [
        { speakerId: "a", start_s: 0, end_s: 3, text: "Hello Bo." },
        { speakerId: "b", start_s: 4, end_s: 6, text: "Hi Ana." },
        { speakerId: "c", start_s: 7, end_s: 8, text: "Hello?" },
      ],
    };
    const call = parseTranscript(JSON.stringify(doc), { fileName: "d.json", companyDomain: "prefect.io" });
    assert.deepEqual(
      call.participants.map((p) => p.side),
      ["internal", "external", "external"],
    );
  });

  test("Gong affiliation wins over the domain; --internal can add a name", async () => {
    const call = await parseTranscriptFile(fixture("kinsale.gong.json"), {
      companyDomain: "kinsalemobility.ie",
      internal: ["Yusuf Demir"],
    });
    assert.equal(side(call, "Jonah Feld"), "internal");
    assert.equal(side(call, "Declan Moore"), "external");
    assert.equal(side(call, "Yusuf Demir"), "internal");
  });
});
