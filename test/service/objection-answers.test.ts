import assert from "node:assert/strict";
import { test } from "node:test";
import type { Call } from "../../src/model/call.js";
import {
  classifyObjectionAnswer,
  classifyObjectionAnswers,
  RESPONSE_WINDOW_S,
} from "../../src/service/objection-answers.js";

function call(
  lines: [who: "rep" | "cust", start: number, text: string][],
  repSide: "internal" | "unknown" = "internal",
): Call {
  return {
    id: "t",
    title: "t",
    started_at: null,
    duration_s: 600,
    participants: [
      { id: "rep", name: "Rep", email: null, title: null, side: repSide },
      {
        id: "cust",
        name: "Customer",
        email: null,
        title: null,
        side: repSide === "internal" ? "external" : "unknown",
      },
    ],
    utterances: lines.map(([who, start, text], index) => ({
      index,
      speakerId: who,
      start_s: start,
      end_s: start + 5,
      text,
      sentences: [{ text, start_s: start, end_s: start + 5 }],
    })),
    source: { format: "text", path: null, timing: "source" },
    warnings: [],
  };
}

const objection = {
  start_s: 10,
  text: "Our security team is worried about where credentials are stored.",
  topic: "security",
};

test("an internal sentence sharing two terms with the objection or its topic answers it", () => {
  const c = call([
    ["cust", 10, objection.text],
    ["rep", 20, "Secret blocks keep credentials encrypted at rest."],
  ]);
  const a = classifyObjectionAnswer(c, objection);
  assert.equal(a.status, "answered");
  assert.equal(a.response?.start_s, 20);
});

test("a promise to answer later is deferred, a question or small talk is not an answer", () => {
  const deferred = call([
    ["cust", 10, objection.text],
    ["rep", 18, "Do your credentials live in a vault today?"],
    ["rep", 25, "Good question, I'd rather get you a written answer than guess."],
  ]);
  assert.equal(classifyObjectionAnswer(deferred, objection).status, "deferred");
  const unanswered = call([
    ["cust", 10, objection.text],
    ["rep", 20, "Let me share my screen and show you the dashboard."],
  ]);
  assert.deepEqual(classifyObjectionAnswer(unanswered, objection), { status: "unanswered", response: null });
});

test("only responses within the window count, and customer sentences never do", () => {
  const late = call([
    ["cust", 10, objection.text],
    ["cust", 20, "Credentials stored encrypted would be the minimum for us."],
    ["rep", 15 + RESPONSE_WINDOW_S + 1, "Secret blocks keep credentials encrypted at rest."],
  ]);
  assert.equal(classifyObjectionAnswer(late, objection).status, "unanswered");
});

test("without any known team speaker the status is unknown", () => {
  const c = call(
    [
      ["cust", 10, objection.text],
      ["rep", 20, "Secret blocks keep credentials encrypted at rest."],
    ],
    "unknown",
  );
  const map = classifyObjectionAnswers(c, [{ id: "o1", ...objection }]);
  assert.equal(map.get("o1")?.status, "unknown");
});
