import assert from "node:assert/strict";
import { test } from "node:test";
import type { KnowledgeHit } from "../model/knowledge.js";
import type { ObjectionMoment } from "../model/moments.js";
import { defaultProductProfile } from "../product/default.js";
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

const profile = defaultProductProfile();

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
  const ranked = topicalHits(objection, hits, profile);
  assert.deepEqual(
    ranked.map((h) => h.title),
    ["Store secrets", "Security overview"],
  );
  assert.match(
    suggestObjectionResponse(objection, ranked, profile),
    /\(see Store secrets: https:\/\/docs\.example\.com\/store-secrets\)$/,
  );
  assert.match(
    suggestObjectionResponse(objection, topicalHits(objection, [hits[0]!], profile), profile),
    /No documentation matched/,
  );
});

test("the response opens with the profile's opener for the topic, else the fallback topic's", () => {
  const hits = [
    hit("Store secrets", "Secret blocks keep credentials encrypted; workers run in your own network."),
  ];
  assert.match(suggestObjectionResponse(objection, hits, profile), /^Acknowledge the security concern/);
  const topics = profile.objectionTopics.map((t) =>
    t.name === "security" ? { ...t, opener: "Say where the data lives." } : t,
  );
  const custom = { ...profile, objectionTopics: topics };
  assert.match(suggestObjectionResponse(objection, hits, custom), /^Say where the data lives\. /);
  const unknown = { ...objection, topic: "data-residency" };
  assert.match(suggestObjectionResponse(unknown, hits, profile), /^Acknowledge the concern, then answer/);
});
