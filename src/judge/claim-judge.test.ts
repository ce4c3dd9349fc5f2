import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { toyJudgeModel } from "../../test/support/toy-judge-model.js";
import type { KnowledgeHit } from "../model/knowledge.js";
import type { ClaimMoment } from "../model/moments.js";
import { defaultProductProfile } from "../product/default.js";
import { judgeClaim } from "./claim-judge.js";
import { loadJudgeModel, thresholdsFor } from "./model.js";
import { judgeOptionsFromProfile } from "./options.js";
import { decide } from "./policy.js";

function claim(text: string): ClaimMoment {
  return {
    kind: "claim",
    topic: "product",
    text,
    speakerId: "s",
    speaker: "Rep",
    side: "internal",
    start_s: 0,
    utteranceIndex: 0,
    sentenceIndex: 0,
  };
}

function hit(content: string, url = "https://docs.example.com/page", title = "Docs page"): KnowledgeHit {
  return { title, url, section: null, snippet: content.slice(0, 80), content, score: 1, source: "local" };
}

const toyModel = toyJudgeModel;

test("policy: a threshold of 1 means the verdict is never said", () => {
  const never = { supported: 1, contradicted: 1 };
  assert.equal(decide({ supported: 0, contradicted: 1, unverifiable: 0 }, never).verdict, "unverifiable");
  assert.equal(decide({ supported: 1, contradicted: 0, unverifiable: 0 }, never).verdict, "unverifiable");
  assert.equal(decide({ supported: 1, contradicted: 0, unverifiable: 0 }, never).leaning, "supported");
});

test("policy: a verdict is said only when its probability clears its threshold", () => {
  const t = { supported: 0.8, contradicted: 0.9 };
  assert.equal(decide({ supported: 0.85, contradicted: 0.1, unverifiable: 0.05 }, t).verdict, "supported");
  assert.equal(decide({ supported: 0.75, contradicted: 0.2, unverifiable: 0.05 }, t).verdict, "unverifiable");
  const unsure = decide({ supported: 0.1, contradicted: 0.85, unverifiable: 0.05 }, t);
  assert.equal(unsure.verdict, "unverifiable");
  assert.equal(unsure.leaning, "contradicted");
  assert.equal(unsure.confidence, 0.05);
  assert.equal(
    decide({ supported: 0.02, contradicted: 0.95, unverifiable: 0.03 }, t).verdict,
    "contradicted",
  );
});

test("the judge: contradicted with a correction quoting the passage, supported, or unverifiable with the passage to check", () => {
  const model = toyModel();
  const wrong = judgeClaim(
    claim("Workers need inbound network access to the API."),
    [hit("Workers need outbound network access to the API.", "https://docs.example.com/workers", "Workers")],
    { model },
  );
  assert.equal(wrong.verdict, "contradicted");
  assert.match(
    wrong.correction ?? "",
    /^The docs say: "Workers need outbound network access to the API\." \(Workers, https:\/\/docs\.example\.com\/workers\)$/,
  );
  assert.match(wrong.reason, /opposite terms/);
  assert.ok(wrong.confidence >= 0.7 && wrong.confidence <= 1);

  const right = judgeClaim(
    claim("Workers need outbound network access to the API."),
    [hit("Workers need outbound network access to the API.")],
    { model },
  );
  assert.equal(right.verdict, "supported");
  assert.equal(right.correction, null);
  assert.equal(right.check, null);

  const vague = judgeClaim(
    claim("Work pools are great for teams."),
    [hit("Schedules run deployments at set times.")],
    { model },
  );
  assert.equal(vague.verdict, "unverifiable");
  assert.equal(vague.correction, null);
});

test("the judge: evidence is at most three items, the deciding page first, one per page before repeats", () => {
  const model = toyModel();
  const hits = [
    hit("Schedules run deployments at set times.", "https://docs.example.com/a"),
    hit("Work pools organize work for workers.", "https://docs.example.com/b"),
    hit("Workers need outbound network access to the API.", "https://docs.example.com/c"),
    hit("Workers poll work pools for scheduled runs.", "https://docs.example.com/c"),
    hit("Deployments are server-side representations of flows.", "https://docs.example.com/d"),
  ];
  const j = judgeClaim(claim("Workers need inbound network access to the API."), hits, { model });
  assert.equal(j.verdict, "contradicted");
  assert.ok(j.evidence.length <= 3);
  assert.equal(j.evidence[0]!.url, "https://docs.example.com/c");
  assert.equal(new Set(j.evidence.map((e) => e.url)).size, j.evidence.length);
});

test("the bundled model: no documentation or no content is never a verdict", () => {
  const options = judgeOptionsFromProfile(defaultProductProfile());
  assert.ok(options.model, "the profile's judge model loads");
  for (const text of ["hello", "Workers need outbound network access."]) {
    const j = judgeClaim(claim(text), [], options);
    assert.equal(j.verdict, "unverifiable", text);
    assert.equal(j.check, null);
    assert.deepEqual(j.evidence, []);
  }
  const h = judgeClaim(claim("hello"), [hit("Hello from the docs: welcome to the quickstart.")], options);
  assert.equal(h.verdict, "unverifiable");
});

test("the bundled model: thresholds per knowledge setting, the pack alone never looser than synced docs", () => {
  const { model } = judgeOptionsFromProfile(defaultProductProfile());
  assert.ok(model);
  const pack = thresholdsFor(model, false);
  const synced = thresholdsFor(model, true);
  assert.equal(
    model.thresholds.find((t) => t.setting === "pack"),
    pack,
  );
  assert.ok(pack.supported >= synced.supported && pack.contradicted >= synced.contradicted);
  assert.throws(
    () =>
      thresholdsFor(
        { ...model, thresholds: [model.thresholds[0]!] },
        model.thresholds[0]!.setting !== "synced",
      ),
    /no thresholds/,
  );
  for (const t of model.thresholds) {
    assert.ok(t.supported > 0.5 && t.supported <= 1, `${t.setting} supported ${t.supported}`);
    assert.ok(t.contradicted > 0.5 && t.contradicted <= 1, `${t.setting} contradicted ${t.contradicted}`);
  }
});

test("a judge model file with a wrong shape is refused with the field named", () => {
  const dir = mkdtempSync(join(tmpdir(), "judge-model-"));
  const file = join(dir, "judge-model.json");
  const bad = toyModel();
  bad.claim.weights[0] = [1, 2];
  writeFileSync(file, JSON.stringify(bad));
  assert.throws(() => loadJudgeModel(file), /claim\.weights: one entry per feature/);
  writeFileSync(file, JSON.stringify({ ...toyModel(), temperature: -1 }));
  assert.throws(() => loadJudgeModel(file), /temperature/);
});
