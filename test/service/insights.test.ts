/** Insights over stored calls, in-process and through `call-coach insights`. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { loadConfig } from "../../src/config/env.js";
import { InputError } from "../../src/errors.js";
import { CallCoachService } from "../../src/service/call-service.js";
import { parseSince, weekOf } from "../../src/service/insights.js";
import { callJson, DANA, RILEY, SAM } from "./support/calls.js";
import { childEnv, makeHome, removeHome, runCli } from "./support/home.js";

describe("insights", () => {
  let home: string;
  before(async () => {
    home = await makeHome();
    const service = await CallCoachService.open(loadConfig(childEnv(home)));
    try {
      // Dana: two calls a week apart, both with the two wrong claims. Sam: one clean call.
      for (const [id, date, rep, clean] of [
        ["d1", "2026-03-02T15:00:00Z", DANA, false],
        ["d2", "2026-03-10T15:00:00Z", DANA, false],
        ["s1", "2026-03-11T09:00:00Z", SAM, true],
      ] as const) {
        await service.ingest({
          transcript: callJson({ id, title: `Call ${id}`, startedAt: date, rep, customer: RILEY, clean }),
          fileName: `${id}.json`,
        });
      }
    } finally {
      await service.close();
    }
  });
  after(() => removeHome(home));

  test("team: trends by week, wrong claims by topic with the right answer, unanswered objections, competitors", async () => {
    const service = await CallCoachService.open(loadConfig(childEnv(home)));
    try {
      const i = service.insights();
      assert.equal(i.team.calls, 3);
      assert.equal(i.team.reps, 2);
      assert.deepEqual(
        i.team.trend.map((t) => [t.week, t.calls]),
        [
          ["2026-03-02", 1],
          ["2026-03-09", 2],
        ],
      );
      assert.ok(i.team.change);
      // Dana's two calls carry two contradicted claims each; Sam's clean call none.
      const claims = i.team.claims;
      assert.equal(claims.contradicted, 4);
      assert.equal(claims.total, claims.supported + claims.contradicted + claims.unverifiable);
      assert.ok(claims.supported >= 3, "the secrets claim is supported on every call");

      const topics = i.wrong_claims.map((w) => [w.topic, w.count, w.calls]);
      assert.deepEqual(topics, [
        ["rate limit", 2, 2],
        ["work queue", 2, 2],
      ]);
      const queue = i.wrong_claims.find((w) => w.topic === "work queue")!;
      assert.match(queue.right_answer ?? "", /Lower priority numbers take precedence/);
      assert.equal(queue.evidence?.url, "https://docs.prefect.io/v3/concepts/work-pools");
      assert.deepEqual(queue.reps, ["Dana Reyes"]);

      const byTopic = new Map(i.unanswered_objections.map((o) => [o.topic, o]));
      assert.equal(byTopic.get("pricing")?.unanswered, 3);
      assert.equal(byTopic.get("lock-in")?.deferred, 3);
      assert.equal(byTopic.has("security"), false, "the security objection is answered on every call");
      assert.equal(i.unanswered_objections[0]!.unanswered + i.unanswered_objections[0]!.deferred, 3);

      assert.deepEqual(
        i.competitors.map((c) => [c.name, c.mentions, c.calls, c.by_customer]),
        [
          ["Airflow", 3, 3, 3],
          ["Dagster", 3, 3, 3],
        ],
      );
    } finally {
      await service.close();
    }
  });

  test("--rep narrows to the rep's calls and own claims; --since narrows the window", async () => {
    const service = await CallCoachService.open(loadConfig(childEnv(home)));
    try {
      const sam = service.insights({ rep: SAM.email });
      assert.equal(sam.reps.length, 1);
      assert.equal(sam.reps[0]!.calls, 1);
      assert.equal(sam.reps[0]!.claims.contradicted, 0);
      assert.deepEqual(sam.wrong_claims, []);
      assert.equal(sam.team.calls, 3, "the team block stays the baseline");

      const dana = service.insights({ rep: "dana reyes", since: "2026-03-09" });
      assert.equal(dana.reps[0]!.calls, 1);
      assert.equal(dana.wrong_claims.length, 2);
      assert.ok(dana.reps[0]!.talk_share > 0 && dana.reps[0]!.talk_share < 1);

      assert.throws(() => service.insights({ rep: "nobody@nowhere.test" }), InputError);
    } finally {
      await service.close();
    }
  });

  test("call-coach insights prints JSON and text, and rejects a bad date with exit 2", () => {
    const json = runCli(["insights", "--json", "--rep", DANA.email!], home);
    assert.equal(json.status, 0, json.stderr);
    const parsed = JSON.parse(json.stdout);
    assert.equal(parsed.schema, "call-coach/insights@1");
    assert.equal(parsed.reps[0].name, "Dana Reyes");

    const text = runCli(["insights"], home);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /Most frequent wrong claims/);
    assert.match(text.stdout, /right: The docs say: "Lower priority numbers/);
    assert.match(text.stdout, /pricing: 3 unanswered/);

    const bad = runCli(["insights", "--since", "last tuesday"], home);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--since: must be a date/);
    assert.equal(bad.stderr.trim().split("\n").length, 1);
  });

  test("date helpers", () => {
    assert.equal(weekOf("2026-03-08T23:00:00Z"), "2026-03-02");
    assert.equal(weekOf("2026-03-09T00:00:00Z"), "2026-03-09");
    assert.equal(parseSince("2026-03-01"), "2026-03-01");
    assert.throws(() => parseSince("2026-13-45"), InputError);
  });
});
