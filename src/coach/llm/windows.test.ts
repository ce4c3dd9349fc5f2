import assert from "node:assert/strict";
import { test } from "node:test";
import { longCallTranscript } from "../../../bench/support/long-call.js";
import { parseTranscript } from "../../parse/index.js";
import {
  buildWindows,
  DEFAULT_WINDOW_OPTIONS,
  estimateTokens,
  lineAt,
  ownerWindow,
  renderWindow,
  transcriptLines,
} from "./windows.js";

const { text, internal } = longCallTranscript(90);
const call = parseTranscript(text, { fileName: "long.txt", internal });
const lines = transcriptLines(call);

test("a 90-minute call is cut into overlapping windows that each fit the token cap", () => {
  const windows = buildWindows(lines, DEFAULT_WINDOW_OPTIONS);
  const totalTokens = lines.reduce((n, l) => n + estimateTokens(l.rendered), 0);
  assert.ok(totalTokens > 3 * DEFAULT_WINDOW_OPTIONS.maxTokens, `the call is long: ${totalTokens} tokens`);
  assert.ok(windows.length >= 4);
  for (const w of windows) {
    assert.ok(w.tokens <= DEFAULT_WINDOW_OPTIONS.maxTokens, `window ${w.index}: ${w.tokens}`);
    assert.ok(estimateTokens(renderWindow(w, windows.length)) <= DEFAULT_WINDOW_OPTIONS.maxTokens + 50);
  }
  // Every line is in some window, in order; consecutive windows share at least the overlap.
  const covered = new Set(windows.flatMap((w) => w.lines.map((l) => l.id)));
  assert.equal(covered.size, lines.length);
  for (let i = 1; i < windows.length; i++) {
    const prev = windows[i - 1]!;
    const cur = windows[i]!;
    const shared = cur.lines.filter((l) => prev.lines.includes(l));
    assert.ok(shared.length >= 1, `windows ${i - 1} and ${i} overlap`);
    assert.ok(
      prev.end_s - cur.start_s >= DEFAULT_WINDOW_OPTIONS.overlapS - 1,
      "at least the overlap in seconds",
    );
    assert.ok(cur.start_s > prev.start_s, "windows move forward");
  }
  assert.equal(windows.at(-1)!.lines.at(-1)!.id, lines.at(-1)!.id);
});

test("lines keep the call's own ids and timestamps", () => {
  const windows = buildWindows(lines, DEFAULT_WINDOW_OPTIONS);
  for (const w of windows)
    for (const l of w.lines) {
      const u = call.utterances[Number(l.id.slice(1))]!;
      assert.equal(l.start_s, u.start_s);
      assert.ok(l.rendered.startsWith(`${l.id} [`));
    }
});

test("a moment belongs to the window where it has most context on both sides", () => {
  const windows = buildWindows(lines, DEFAULT_WINDOW_OPTIONS);
  const [a, b] = windows;
  // A moment inside the overlap of the first two windows.
  const inOverlap = b!.start_s + 1;
  const owner = ownerWindow(windows, inOverlap);
  const margin = (w: typeof a) => Math.min(inOverlap - w!.start_s, w!.end_s - inOverlap);
  assert.equal(owner.index, margin(a) >= margin(b) ? 0 : 1);
  assert.equal(ownerWindow(windows, 0).index, 0);
  assert.equal(ownerWindow(windows, call.duration_s).index, windows.length - 1);
});

test("a monologue longer than the cap still gets a window of its own", () => {
  const long = { ...lines[0]!, rendered: "x".repeat(40_000) };
  const windows = buildWindows([long, lines[1]!, lines[2]!], { maxTokens: 1000, overlapS: 30 });
  assert.equal(windows[0]!.lines.length, 1);
  assert.deepEqual(
    windows.flatMap((w) => w.lines.map((l) => l.id)).filter((v, i, all) => all.indexOf(v) === i),
    [long.id, lines[1]!.id, lines[2]!.id],
  );
});

test("lineAt finds the line a moment was said in", () => {
  const target = lines[10]!;
  assert.equal(lineAt(lines, target.start_s + 0.5)!.id, target.id);
  assert.equal(lineAt(lines, target.start_s)!.id, target.id);
});
