import assert from "node:assert/strict";
import { test } from "node:test";
import type { Call } from "../model/call.js";
import { defaultProductProfile } from "../product/default.js";
import { claimQuery, competitorQuery, objectionQuery } from "./queries.js";
import { buildSanitizeContext, sanitizeQuery } from "./sanitize.js";

const call: Call = {
  id: "c1",
  title: "Halvorsen Freight <> Prefect | Discovery",
  started_at: null,
  duration_s: 600,
  participants: [
    { id: "a", name: "Maya Okafor", email: "maya.okafor@prefect.io", title: "AE", side: "internal" },
    { id: "b", name: "Liam O'Rourke", email: "liam@lowmoor-outdoor.co.uk", title: null, side: "external" },
    { id: "c", name: "Mei-Lin Chou", email: null, title: null, side: "external" },
  ],
  utterances: [],
  source: { format: "txt", path: null },
} as unknown as Call;

const profile = defaultProductProfile();
const ctx = buildSanitizeContext(call, { profile }, ["nightjar"]);

/** Strings that must never appear in a query, checked case-insensitively. */
const PII = [
  "maya",
  "okafor",
  "liam",
  "rourke",
  "mei-lin",
  "chou",
  "halvorsen",
  "freight",
  "lowmoor",
  "nightjar",
  "priya",
  "atlas",
  "@",
  "555",
  "0142",
  "0161",
  "496",
  "18,000",
  "18000",
  "40",
  "twelve",
  "million",
  "2026",
];

function assertClean(query: string): void {
  for (const p of PII) assert.ok(!query.toLowerCase().includes(p), `"${p}" leaked into "${query}"`);
}

const SENTENCES = [
  "Maya Okafor here, you can reach me at maya.okafor@prefect.io or on 555-0142 about the work pools.",
  "Liam, call me on +44 161 496 0958 or (555) 010-4477 and we'll sort the Kubernetes worker.",
  "Mei-Lin said Halvorsen Freight runs twelve thousand flow runs a day on Airflow.",
  "Our Project Atlas pipeline costs $18,000 a month and retries 40% of tasks.",
  "Priya from Lowmoor wants the nightjar deployment to use Secret blocks by 2026-09-14.",
  "Send it to liam@lowmoor-outdoor.co.uk or call 0161 496 0123, or 555.010.9988, thanks O'Rourke.",
];

test("no name, email, phone number, company, project or figure survives sanitizing", () => {
  for (const s of SENTENCES) assertClean(sanitizeQuery(s, ctx));
});

test("topic terms survive: product, technology and competitor names stay in the query", () => {
  assert.equal(
    sanitizeQuery("Mei-Lin said Halvorsen Freight runs twelve thousand flow runs a day on Airflow.", ctx),
    "runs flow airflow",
  );
  assert.match(sanitizeQuery(SENTENCES[1]!, ctx), /kubernetes worker/);
  assert.match(sanitizeQuery(SENTENCES[4]!, ctx), /deployment.*secret blocks/);
  assert.match(sanitizeQuery(SENTENCES[0]!, ctx), /work pools/);
});

test("claim, objection and competitor queries carry topic terms only", () => {
  const base = {
    speakerId: "a",
    speaker: "Maya Okafor",
    side: "internal" as const,
    start_s: 1,
    utteranceIndex: 0,
    sentenceIndex: 0,
  };
  const claim = claimQuery(
    {
      ...base,
      kind: "claim",
      topic: "work pools",
      text: "Maya here: Halvorsen's nightjar queue gets priority 10 on the work pool.",
    },
    ctx,
  );
  assertClean(claim);
  assert.match(claim, /work pools/);
  const objection = objectionQuery(
    {
      ...base,
      side: "external",
      kind: "objection",
      topic: "security",
      text: "Liam O'Rourke at Lowmoor won't let credentials leave our VPC.",
    },
    ctx,
    profile,
  );
  assertClean(objection);
  assert.match(objection, /security/);
  assert.equal(competitorQuery({ name: "Airflow" }), "airflow battlecard positioning comparison migration");
});

test("a managed offering's query searches its base's material too, without the display note", () => {
  assert.equal(
    competitorQuery({ name: "Amazon MWAA (managed Airflow)", basedOn: "Airflow" }),
    "amazon mwaa airflow battlecard positioning comparison migration",
  );
});

test("names from a --competitors list pass like the profile's competitors; without the list they are names", () => {
  const sentence = "We compared Nextflow and Rundeck with Airflow last quarter.";
  assert.equal(sanitizeQuery(sentence, ctx), "compared airflow last");
  const competitors = [...profile.competitors, { name: "Nextflow", aliases: ["Nextflow", "nf-core"] }];
  const withList = buildSanitizeContext(call, { profile, competitors }, ["nightjar"]);
  assert.equal(sanitizeQuery(sentence, withList), "compared nextflow airflow last");
  // The list adds to the profile's names; a list without Airflow still lets Airflow through.
  const only = buildSanitizeContext(call, {
    profile,
    competitors: [{ name: "Rundeck", aliases: ["Rundeck"] }],
  });
  assert.equal(sanitizeQuery(sentence, only), "compared rundeck airflow last");
  for (const s of SENTENCES) assertClean(sanitizeQuery(s, withList));
});

test("the profile's sanitizer words say which capitalized words are vocabulary", () => {
  const plain = { ...profile, sanitizerWords: [] };
  const sentence = "We deploy with Terraform and Helm.";
  assert.equal(sanitizeQuery(sentence, ctx), "deploy terraform helm");
  // "helm" is also a product term of the vocabulary; "terraform" is only a sanitizer word.
  assert.equal(sanitizeQuery(sentence, buildSanitizeContext(call, { profile: plain })), "deploy helm");
});
