/**
 * Conversation metrics against numbers computed by hand from test/fixtures/transcripts/
 * metrics-small.vtt. After merging Pablo's two consecutive cues the call has 8 utterances
 * (I = Nora Quist, internal; P = Pablo Ibáñez and W = Wen Li, external):
 *
 *   #  who  start   end   text
 *   1  I      0.0   10.0  "Thanks for joining. What does your stack look like today?"
 *   2  P     11.0   40.0  three sentences + "Wen can add detail…" (cues 11–31 and 31.5–40)
 *   3  W     42.0   50.0  "Our reports break… Can Prefect alert us?"
 *   4  I     51.0   81.0  "Yes. Automations can send a notification when a flow run fails."
 *   5  P     81.5   82.5  "Mm-hmm."                       ← backchannel inside Nora's stretch
 *   6  I     83.0  103.0  "You can also retry… Would that help your team?"
 *   7  W    102.0  112.0  "Yes, it would."                ← starts 1 s before Nora ends
 *   8  I    115.0  120.0  "Great, I'll send a summary."
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { computeMetrics, isBackchannel } from "../../src/analyze/metrics.js";
import type { Call, Participant, Utterance } from "../../src/model/call.js";
import { parseTranscriptFile } from "../../src/parse/index.js";

const fixture = join(import.meta.dirname, "..", "fixtures", "transcripts", "metrics-small.vtt");

test("metrics of the hand-timed call match the hand computation", async () => {
  const call = await parseTranscriptFile(fixture, { internal: ["Nora Quist"] });
  assert.deepEqual(
    call.utterances.map((u) => [u.start_s, u.end_s]),
    [
      [0, 10],
      [11, 40],
      [42, 50],
      [51, 81],
      [81.5, 82.5],
      [83, 103],
      [102, 112],
      [115, 120],
    ],
  );
  const m = computeMetrics(call);
  // Talk time. Internal: 10 + 30 + 20 + 5 = 65 s. External: 29 + 8 + 1 + 10 = 48 s.
  // 65 / (65 + 48) = 65 / 113 = 0.5752… → 0.575.
  assert.equal(m.talk_ratio_internal, 0.575);
  // Nora holds the floor from 51.0 to 103.0: Pablo's 1 s, 1-word "Mm-hmm." between her
  // utterances 4 and 6 is a backchannel, not a turn. 103 − 51 = 52 s.
  assert.equal(m.longest_monologue_s, 52);
  // Pablo's merged utterance 2: 40 − 11 = 29 s (Wen's longest is 10 s).
  assert.equal(m.longest_customer_story_s, 29);
  // 7 speaker switches (every consecutive pair differs) over 0 → 120 s = 2 min: 7 / 2 = 3.5.
  assert.equal(m.interactivity, 3.5);
  // External → internal hand-overs: 3→4 waits 51 − 50 = 1 s; 5→6 is the backchannel (skipped);
  // 7→8 waits 115 − 112 = 3 s. (1 + 3) / 2 = 2 s.
  assert.equal(m.patience_s, 2);
  // Questions: Nora "What does your stack…?" and "Would that help your team?"; Wen "Can Prefect alert us?".
  assert.equal(m.questions_internal, 2);
  assert.equal(m.questions_external, 1);
  assert.equal(call.duration_s, 120);
  assert.ok(call.warnings.some((w) => /1 utterance\(s\) overlap the previous speaker/.test(w)));
});

// Small in-memory calls for the edge cases of each definition.
function callOf(turns: [string, number, number, string][], sides: Record<string, Participant["side"]>): Call {
  const utterances: Utterance[] = turns.map(([speakerId, start_s, end_s, text], index) => ({
    index,
    speakerId,
    start_s,
    end_s,
    text,
    sentences: [{ text, start_s, end_s }],
  }));
  return {
    id: "t",
    title: "t",
    started_at: null,
    duration_s: Math.max(...turns.map((t) => t[2])),
    participants: Object.entries(sides).map(([id, side]) => ({
      id,
      name: id,
      email: null,
      title: null,
      side,
    })),
    utterances,
    source: { format: "json", path: null, timing: "source" },
    warnings: [],
  };
}

test("an interruption counts as zero patience, not a negative pause", () => {
  const call = callOf(
    [
      ["c", 0, 10, "We have a question about retries and how they work."],
      ["r", 8, 20, "Sorry to jump in, retries are set per task."],
      ["c", 21, 30, "Okay, and the delay between them as well?"],
      ["r", 32, 40, "Yes, the delay is configurable too."],
    ],
    { r: "internal", c: "external" },
  );
  // Pauses: max(0, 8 − 10) = 0 and 32 − 30 = 2 → (0 + 2) / 2 = 1.
  assert.equal(computeMetrics(call).patience_s, 1);
});

test("a short reply that ends the other speaker's stretch is a turn, not a backchannel", () => {
  const call = callOf(
    [
      ["r", 0, 30, "Long explanation of work pools and workers and how they connect."],
      ["c", 31, 32, "Right."],
      ["c", 33, 40, "And who runs the worker in our setup, exactly?"],
      ["r", 41, 50, "Your team does, inside your own cluster."],
    ],
    { r: "internal", c: "external" },
  );
  const m = computeMetrics(call);
  // "Right." is followed by the customer, not the rep: the rep's stretches are 30 s and 9 s.
  assert.equal(m.longest_monologue_s, 30);
  // The customer's stretch runs from 31 to 40 across two utterances: 9 s.
  assert.equal(m.longest_customer_story_s, 9);
});

test("backchannel: at most 3 words, at most 2 s, not a question", () => {
  const u = (text: string, start_s: number, end_s: number): Utterance => ({
    index: 0,
    speakerId: "c",
    start_s,
    end_s,
    text,
    sentences: [],
  });
  assert.equal(isBackchannel(u("Mm-hmm.", 0, 1)), true);
  assert.equal(isBackchannel(u("Yes, got it.", 0, 2)), true);
  assert.equal(isBackchannel(u("Wait, really?", 0, 1)), false);
  assert.equal(isBackchannel(u("Yes, that works for us.", 0, 2)), false);
  assert.equal(isBackchannel(u("Right.", 0, 2.5)), false);
});

test("speakers of unknown side are left out of the ratio; no external speech gives no patience", () => {
  const call = callOf(
    [
      ["r", 0, 10, "Welcome everyone to the session on deployments."],
      ["x", 11, 15, "Can everyone hear me?"],
      ["r", 16, 26, "Yes, let's start with work pools."],
    ],
    { r: "internal", x: "unknown" },
  );
  const m = computeMetrics(call);
  assert.equal(m.talk_ratio_internal, 1);
  assert.equal(m.patience_s, 0);
  assert.equal(m.questions_internal, 0);
  assert.equal(m.questions_external, 0);
});

test("an empty call has all-zero metrics", () => {
  const call = callOf([], {});
  call.duration_s = 0;
  assert.deepEqual(computeMetrics(call), {
    talk_ratio_internal: 0,
    longest_monologue_s: 0,
    longest_customer_story_s: 0,
    interactivity: 0,
    patience_s: 0,
    questions_internal: 0,
    questions_external: 0,
  });
});
