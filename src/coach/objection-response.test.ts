import assert from "node:assert/strict";
import { test } from "node:test";
import type { KnowledgeHit } from "../model/knowledge.js";
import type { ObjectionMoment } from "../model/moments.js";
import { suggestObjectionResponse, topicalHits } from "./objection-response.js";

const hit = (title: string, content: string): KnowledgeHit => ({
  title,
  url: `https://docs.example.com/${title.toLowerCase().replace(/\s+/g, "-")}`,
  section: null,
  snippet: content.slice(0, 60),
  content,
  score: 1,
  source: "local",
});

const objection: ObjectionMoment = {
  kind: "objection",
  topic: "security",
  text: "Our security team will not let credentials leave our own network.",
  speakerId: "p",
  speaker: "Prospect",
  side: "external",
  start_s: 0,
  utteranceIndex: 0,
  sentenceIndex: 0,
};

test("an objection's evidence is about its topic: unrelated hits are dropped, topical ones lead", () => {
  const hits = [
    hit("Schedules", "Cron, interval and RRule schedules create runs of a deployment."),
    hit("Store secrets", "Secret blocks keep credentials encrypted; workers run in your own network."),
    hit("Security overview", "Security: the hybrid model keeps code and data in your infrastructure."),
  ];
  const ranked = topicalHits(objection, hits);
  assert.deepEqual(
    ranked.map((h) => h.title),
    ["Store secrets", "Security overview"],
  );
  assert.match(
    suggestObjectionResponse(objection, ranked),
    /\(see Store secrets: https:\/\/docs\.example\.com\/store-secrets\)$/,
  );
  assert.match(
    suggestObjectionResponse(objection, topicalHits(objection, [hits[0]!])),
    /No documentation matched/,
  );
});
