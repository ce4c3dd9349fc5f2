/**
 * Bad input through the built CLI. Each case ends one of two documented ways:
 * - refused: exit 2, nothing on stdout, exactly one line on stderr naming the file and, where it
 *   applies, the line or field — never a stack trace;
 * - best effort: exit 0 with a report, and one warning line per repair on stderr.
 */
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { reportSchema } from "../../src/model/report.js";
import {
  type CliResult,
  type CliSandbox,
  cliSandbox,
  errorLines,
  TRANSCRIPTS,
  warningLines,
} from "./support.js";

let cli: CliSandbox;
before(async () => {
  cli = await cliSandbox();
});
after(async () => {
  await cli.close();
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(cli.dir, name);
  await writeFile(path, content);
  return path;
}

/** Refused: exit 2, empty stdout, one stderr line matching `pattern`, no stack trace. */
function assertRefused(r: CliResult, pattern: RegExp): void {
  assert.equal(r.code, 2, `exit code; stderr: ${r.stderr}`);
  assert.equal(r.stdout, "");
  const lines = r.stderr.split("\n").filter(Boolean);
  assert.equal(lines.length, 1, `one stderr line, got: ${r.stderr}`);
  assert.match(lines[0]!, /^call-coach: /);
  assert.match(lines[0]!, pattern);
  assert.ok(!/\bat .+:\d+:\d+/.test(r.stderr), "no stack trace");
}

/** Best effort: exit 0, a valid report, warnings matching each pattern. */
function assertRepaired(r: CliResult, patterns: RegExp[]) {
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(errorLines(r.stderr), []);
  const warnings = warningLines(r.stderr);
  for (const p of patterns)
    assert.ok(
      warnings.some((w) => p.test(w)),
      `warning ${p} in ${r.stderr}`,
    );
  return reportSchema.parse(JSON.parse(r.stdout));
}

const LINES = [
  "[00:00:01] José Núñez: Thanks for joining, everyone.",
  "[00:00:05] Bo Chen: Happy to be here. We run Airflow today.",
  "[00:00:11] José Núñez: Prefect retries failed tasks when you set retries on the task.",
];

describe("files that cannot be a transcript", () => {
  test("empty file", async () => {
    assertRefused(await cli.run(["analyze", await file("empty.txt", "")]), /empty\.txt: file is empty$/);
  });

  test("whitespace-only file", async () => {
    assertRefused(
      await cli.run(["analyze", await file("blank.vtt", " \n\n\t\n")]),
      /blank\.vtt: file is empty/,
    );
  });

  test("binary file (a PNG named .vtt)", async () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37) % 256)),
    ]);
    assertRefused(await cli.run(["analyze", await file("slide.vtt", png)]), /slide\.vtt: file is binary/);
  });

  test("a 50 MB file is refused before it is read", async () => {
    const line = "[00:00:01] Ana Silva: Prefect retries failed tasks when you set retries on the task.\n";
    const big = Buffer.from(line.repeat(Math.ceil((50 * 1024 * 1024) / line.length)));
    assert.ok(big.length >= 50 * 1024 * 1024);
    const r = await cli.run(["analyze", await file("huge.txt", big)]);
    assertRefused(r, /huge\.txt: file is 50\.0 MB; transcripts over 20 MB are refused/);
  });

  test("missing file and a directory", async () => {
    assertRefused(
      await cli.run(["analyze", join(cli.dir, "nope.vtt")]),
      /nope\.vtt: cannot read file \(no such file\)/,
    );
    assertRefused(
      await cli.run(["analyze", cli.dir]),
      /is a directory; to analyze every transcript in it, batch analysis stores its reports: add --store/,
    );
  });
});

describe("encodings", () => {
  test("UTF-16 LE without a byte-order mark is decoded, with a warning", async () => {
    const path = await file("utf16.txt", Buffer.from(LINES.join("\n"), "utf16le"));
    const report = assertRepaired(await cli.run(["analyze", path, "--internal", "José Núñez", "--json"]), [
      /utf16\.txt: no byte-order mark, but the bytes are UTF-16LE/,
    ]);
    assert.deepEqual(
      report.call.participants.map((p) => p.name),
      ["José Núñez", "Bo Chen"],
    );
    assert.equal(report.claims.length, 1);
  });

  test("UTF-16 with a byte-order mark is decoded silently", async () => {
    const bom = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(LINES.join("\n"), "utf16le").swap16()]);
    const r = await cli.run([
      "analyze",
      await file("utf16be.txt", bom),
      "--internal",
      "José Núñez",
      "--json",
    ]);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, "");
    assert.equal(reportSchema.parse(JSON.parse(r.stdout)).call.participants[0]!.name, "José Núñez");
  });

  test("Latin-1 / Windows-1252 is decoded, with a warning naming the first non-UTF-8 byte", async () => {
    const path = await file("latin1.txt", Buffer.from(`${LINES.join("\n")}\n`, "latin1"));
    const report = assertRepaired(await cli.run(["analyze", path, "--internal", "José Núñez", "--json"]), [
      /latin1\.txt: not UTF-8 \(first non-UTF-8 byte 0xe9 on line 1\); decoded as Windows-1252\/Latin-1/,
    ]);
    assert.equal(report.call.participants[0]!.name, "José Núñez");
  });

  test("UTF-8 with one broken byte keeps the accents and marks the gap", async () => {
    const good = Buffer.from(`${LINES.join("\n")}\n`, "utf8");
    const broken = Buffer.concat([good, Buffer.from("[00:00:20] Bo Chen: Thanks \xff bye.\n", "latin1")]);
    const report = assertRepaired(await cli.run(["analyze", await file("mostly.txt", broken), "--json"]), [
      /mostly\.txt: 1 byte\(s\) are not valid UTF-8 \(first: 0xff on line 4\); they were replaced with �/,
    ]);
    assert.equal(report.call.participants[0]!.name, "José Núñez");
  });
});

describe("JSON and Gong problems", () => {
  test("truncated Gong export names the file and the last line", async () => {
    const text = await readFile(join(TRANSCRIPTS, "kinsale.gong.json"), "utf8");
    const cut = text.slice(0, Math.floor(text.length / 2));
    const lines = cut.split("\n").length;
    assertRefused(
      await cli.run(["analyze", await file("cut.gong.json", cut)]),
      new RegExp(`cut\\.gong\\.json:${lines}: JSON ends early \\(truncated file\\?\\)$`),
    );
  });

  test("a syntax error in JSON names its line", async () => {
    const broken = '{\n  "participants": [\n    {"id": "a" "name": "Ana"}\n  ]\n}\n';
    assertRefused(await cli.run(["analyze", await file("bad.json", broken)]), /bad\.json:3: invalid JSON: /);
  });

  test("a Gong field of the wrong type names the field", async () => {
    const doc = JSON.parse(await readFile(join(TRANSCRIPTS, "kinsale.gong.json"), "utf8"));
    doc.callTranscripts[0].transcript[2].sentences[0].start = "00:12";
    assertRefused(
      await cli.run(["analyze", await file("typed.gong.json", JSON.stringify(doc))]),
      /typed\.gong\.json \(callTranscripts\[0\]\.transcript\[2\]\.sentences\[0\]\.start\): invalid Gong export: /,
    );
  });

  test("a monologue by a speakerId missing from the parties is kept with side unknown, with a warning", async () => {
    const doc = JSON.parse(await readFile(join(TRANSCRIPTS, "kinsale.gong.json"), "utf8"));
    doc.callTranscripts[0].transcript[1].speakerId = "9999";
    const report = assertRepaired(
      await cli.run(["analyze", await file("stranger.gong.json", JSON.stringify(doc)), "--json"]),
      [
        /speakerId 9999 \(callTranscripts\[0\]\.transcript\[1\]\) is not among the call's parties; its 1 monologue\(s\) are kept as "Unknown speaker 1" with side unknown/,
      ],
    );
    assert.deepEqual(report.call.participants.at(-1), {
      name: "Unknown speaker 1",
      side: "unknown",
      email: null,
      title: null,
    });
  });

  test("a transcript whose speakerIds match none of the parties is refused (files from different calls)", async () => {
    const doc = JSON.parse(await readFile(join(TRANSCRIPTS, "kinsale.gong.json"), "utf8"));
    for (const m of doc.callTranscripts[0].transcript) m.speakerId = `1${m.speakerId}`;
    assertRefused(
      await cli.run(["analyze", await file("mixed.gong.json", JSON.stringify(doc))]),
      /mixed\.gong\.json \(callTranscripts\[0\]\.transcript\[0\]\.speakerId\): no speakerId in the transcript matches the call's parties/,
    );
  });

  test("split Gong files from two different calls are refused", async () => {
    const extensive = JSON.parse(await readFile(join(TRANSCRIPTS, "kinsale.extensive.json"), "utf8"));
    extensive.calls[0].metaData.id = "1111111111111111111";
    const path = await file("other.extensive.json", JSON.stringify(extensive));
    assertRefused(
      await cli.run(["analyze", join(TRANSCRIPTS, "kinsale.transcript.json"), path]),
      /other\.extensive\.json \(calls\[\]\.metaData\.id\): the call record is for call 1111111111111111111 but the transcript is for call 7553782915212056878/,
    );
  });

  test("a Gong export with several calls needs --call-id", async () => {
    const doc = JSON.parse(await readFile(join(TRANSCRIPTS, "kinsale.gong.json"), "utf8"));
    const second = structuredClone(doc.callTranscripts[0]);
    second.callId = "2222222222222222222";
    second.transcript = second.transcript.slice(0, 3);
    doc.callTranscripts.push(second);
    const path = await file("two.gong.json", JSON.stringify(doc));
    assertRefused(
      await cli.run(["analyze", path]),
      /two\.gong\.json \(callTranscripts\): the export holds 2 calls \(7553782915212056878, 2222222222222222222\); choose one with --call-id/,
    );
    const r = await cli.run(["analyze", path, "--call-id", "7553782915212056878", "--json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      reportSchema.parse(JSON.parse(r.stdout)).call.title,
      "Kinsale Mobility <> Prefect | Discovery",
    );
  });

  test("a Gong /v2/calls/extensive response alone asks for the transcript", async () => {
    assertRefused(
      await cli.run(["analyze", join(TRANSCRIPTS, "kinsale.extensive.json")]),
      /kinsale\.extensive\.json \(callTranscripts\): this is a Gong \/v2\/calls\/extensive response without the transcript; pass the \/v2\/calls\/transcript response as a second file/,
    );
  });

  test("JSON that is neither Gong nor Call Coach JSON", async () => {
    assertRefused(
      await cli.run(["analyze", await file("other.json", '{"hello": "world"}')]),
      /other\.json: JSON is neither a Gong export/,
    );
  });

  test("Call Coach JSON with an utterance by an unknown speaker names the field", async () => {
    const doc = {
      participants: [{ id: "a", name: "Ana Silva" }],
      utterances: [
        { speakerId: "a", start_s: 0, end_s: 2, text: "Hello." },
        { speakerId: "zz", start_s: 3, end_s: 4, text: "Hi." },
      ],
    };
    assertRefused(
      await cli.run(["analyze", await file("own.json", JSON.stringify(doc))]),
      /own\.json \(utterances\[1\]\.speakerId\): speakerId "zz" is not a participant id/,
    );
  });
});

describe("captions with broken or disordered times", () => {
  // The WebVTT parsing algorithm skips a cue whose timing line is broken; Call Coach says so,
  // naming the line and the words left out (it used to refuse the whole file).
  test("WebVTT with a broken timestamp: that cue is skipped with a warning naming the line", async () => {
    const vtt = [
      "WEBVTT",
      "",
      "1",
      "00:00:01.000 --> 00:00:04.000",
      "<v Ana Silva>Hello.</v>",
      "",
      "2",
      "00:00:0x.000 --> 00:00:07.000",
      "<v Bo Chen>Hi Ana.</v>",
      "",
      "3",
      "00:00:08.000 --> 00:00:10.000",
      "<v Bo Chen>Shall we start?</v>",
      "",
    ].join("\n");
    assertRepaired(await cli.run(["analyze", await file("broken.vtt", vtt), "--json"]), [
      /broken\.vtt: line 8: cue skipped, broken timing "00:00:0x\.000 --> 00:00:07\.000" \(start time: minutes and seconds need exactly two digits\); its text "Hi Ana\." is left out/,
    ]);
  });

  test("WebVTT in which no cue has a valid timing line is refused, naming the first", async () => {
    const vtt = ["WEBVTT", "", "00:00:0x.000 --> 00:00:07.000", "<v Bo Chen>Hi Ana.</v>", ""].join("\n");
    assertRefused(
      await cli.run(["analyze", await file("allbroken.vtt", vtt)]),
      /allbroken\.vtt:3: broken cue timing "00:00:0x\.000 --> 00:00:07\.000": start time: minutes and seconds need exactly two digits/,
    );
  });

  test("a .vtt file without the WEBVTT line", async () => {
    const vtt = "00:00:01.000 --> 00:00:04.000\nAna Silva: Hello.\n";
    assertRefused(
      await cli.run(["analyze", await file("headless.vtt", vtt)]),
      /headless\.vtt:1: not a WebVTT file: the first line must be "WEBVTT"/,
    );
  });

  test("SRT with a broken timing line names the line", async () => {
    const srt =
      "1\n00:00:01,000 --> 00:00:02,000\nAna Silva: Hi.\n\n2\n00:00:03,000 -> 00:00:04,000\nBo Chen: Hello.\n";
    assertRefused(
      await cli.run(["analyze", await file("broken.srt", srt)]),
      /broken\.srt:6: broken cue timing "00:00:03,000 -> 00:00:04,000": expected/,
    );
  });

  test("cues out of order are sorted and overlapping speech is kept, with warnings", async () => {
    const vtt = [
      "WEBVTT",
      "",
      "00:00:10.000 --> 00:00:14.000",
      "<v Ana Silva>Prefect retries failed tasks when you set retries on the task.</v>",
      "",
      "00:00:01.000 --> 00:00:05.000",
      "<v Ana Silva>Welcome, thanks for joining.</v>",
      "",
      "00:00:06.000 --> 00:00:11.000",
      "<v Bo Chen>Thanks. We use Airflow and it breaks a lot.</v>",
      "",
      "00:00:12.000 --> 00:00:11.500",
      "<v Bo Chen>Sorry, go on.</v>",
      "",
    ].join("\n");
    const report = assertRepaired(
      await cli.run(["analyze", await file("unordered.vtt", vtt), "--internal", "Ana Silva", "--json"]),
      [
        /1 cue\(s\) started before the cue above them; cues were sorted by start time/,
        /1 segment\(s\) ended before they started; their end was set to their start/,
        /2 utterance\(s\) overlap the previous speaker; kept as spoken \(crosstalk\)/,
      ],
    );
    assert.deepEqual(
      report.claims.map((c) => c.start_s),
      [10],
    );
  });

  test("Gong sentences that end before they start are clamped, with a warning", async () => {
    const doc = JSON.parse(await readFile(join(TRANSCRIPTS, "kinsale.gong.json"), "utf8"));
    const s = doc.callTranscripts[0].transcript[0].sentences[0];
    s.end = s.start - 500;
    assertRepaired(await cli.run(["analyze", await file("clamp.gong.json", JSON.stringify(doc)), "--json"]), [
      /1 sentence\(s\) ended before they started; their end was set to their start/,
    ]);
  });
});

test("a call with one speaker gives a report with a warning", async () => {
  const text = [
    "[00:00:01] Ana Silva: Welcome to this recorded walkthrough of work pools.",
    "[00:00:20] Ana Silva: A push work pool submits flow runs to serverless infrastructure without a worker.",
  ].join("\n");
  const report = assertRepaired(
    await cli.run(["analyze", await file("solo.txt", text), "--internal", "Ana Silva", "--json"]),
    [/only one speaker in this call/],
  );
  assert.equal(report.metrics.talk_ratio_internal, 1);
  assert.equal(report.metrics.patience_s, 0);
  assert.equal(report.metrics.interactivity, 0);
  assert.equal(report.claims.length, 1);
});

describe("bad usage", () => {
  const example = join(TRANSCRIPTS, "orchid.json");
  test("two output formats", async () => {
    assertRefused(
      await cli.run(["analyze", example, "--json", "--html"]),
      /choose one of --json, --markdown, --html/,
    );
  });
  test("an unknown option", async () => {
    assertRefused(await cli.run(["analyze", example, "--jsn"]), /unknown option '--jsn'/);
  });
  test("no file", async () => {
    assertRefused(await cli.run(["analyze"]), /missing required argument/);
  });
  test("three files", async () => {
    assertRefused(
      await cli.run(["analyze", example, example, example]),
      /3 files given; batch analysis stores its reports: add --store/,
    );
  });
  test("two files that are not a Gong pair", async () => {
    assertRefused(
      await cli.run([
        "analyze",
        join(TRANSCRIPTS, "kinsale.transcript.json"),
        join(TRANSCRIPTS, "kinsale.gong.json"),
      ]),
      /both files hold a Gong transcript/,
    );
    assertRefused(
      await cli.run(["analyze", example, join(TRANSCRIPTS, "kinsale.transcript.json")]),
      /orchid\.json: with two files, both must be Gong API responses/,
    );
  });
  test("--out into a folder that does not exist", async () => {
    assertRefused(
      await cli.run(["analyze", example, "--out", join(cli.dir, "missing", "r.md")]),
      /r\.md: cannot write the report \(--out\): its folder does not exist/,
    );
  });
  test("--competitors file that is missing or malformed", async () => {
    assertRefused(
      await cli.run(["analyze", example, "--competitors", join(cli.dir, "none.json")]),
      /none\.json: cannot read competitor list \(ENOENT\)/,
    );
    assertRefused(
      await cli.run(["analyze", example, "--competitors", await file("c.json", '[{"name": ""}]')]),
      /c\.json \(0\.name\): competitor list: /,
    );
  });
});
