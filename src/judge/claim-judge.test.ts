import assert from "node:assert/strict";
import { test } from "node:test";
import type { KnowledgeHit } from "../model/knowledge.js";
import type { ClaimMoment } from "../model/moments.js";
import { claimClauses, findConflict, judgeClaim } from "./claim-judge.js";

const conflict = (claimText: string, doc: string) =>
  findConflict({ claim: claimText, wholeClaim: claimText, doc });

function claim(text: string, topic = "product"): ClaimMoment {
  return {
    kind: "claim",
    topic,
    text,
    speakerId: "s",
    speaker: "Rep",
    side: "internal",
    start_s: 0,
    utteranceIndex: 0,
    sentenceIndex: 0,
  };
}

function hit(content: string, title = "Docs page", url = "https://docs.example.com/page"): KnowledgeHit {
  return { title, url, section: null, snippet: content.slice(0, 80), content, score: 1, source: "local" };
}

const judge = (text: string, ...docs: string[]) =>
  judgeClaim(
    claim(text),
    docs.map((d, i) => hit(d, `Page ${i}`, `https://docs.example.com/p${i}`)),
  );

test("supported: the docs state the claim", () => {
  const j = judge(
    "Secret values are encrypted at rest in the backend.",
    "Secret values are encrypted at rest when stored in your backend.",
  );
  assert.equal(j.verdict, "supported");
  assert.equal(j.correction, null);
  assert.ok(j.confidence > 0.5);
});

test("negation mismatch: the claim asserts what the docs deny", () => {
  const j = judge(
    "Variables are encrypted, so tokens are fine to keep in variables.",
    "Variables are not encrypted. Do not store tokens or other sensitive values in variables.",
  );
  assert.equal(j.verdict, "contradicted");
  assert.match(j.reason, /negative/);
  assert.match(j.correction ?? "", /^The docs say: "Variables are not encrypted\."/);
});

test("negation mismatch: the claim denies what the docs state", () => {
  const j = judge(
    "The worker doesn't retry failed task runs.",
    "The worker retries failed task runs up to the configured limit.",
  );
  assert.equal(j.verdict, "contradicted");
  assert.match(j.reason, /denies/);
});

test("a negation about something else is not a conflict", () => {
  assert.equal(
    conflict(
      "Your flow code stays in your own storage.",
      "Deployments do not contain code definitions: your flow code stays within your storage.",
    ),
    null,
  );
  assert.equal(
    conflict(
      "You can send input while the flow is paused.",
      "Flows can send input while running, without pausing.",
    ),
    null,
  );
});

test("wrong number or default: different figures for the same thing", () => {
  const j = judge(
    "The SDK retries rate-limited requests up to ten times.",
    "The SDK automatically retries rate-limited requests up to 5 times, using the Retry-After header.",
  );
  assert.equal(j.verdict, "contradicted");
  assert.match(j.reason, /different figure for "time"/);
  assert.match(
    conflict("A run is late after five minutes.", "A run is late after 15 seconds by default.") ?? "",
    /duration/,
  );
  // The same figure in other words agrees.
  assert.equal(conflict("Retries happen up to five times.", "Retries happen up to 5 times."), null);
});

test("exclusivity words: a claim saying only/always/by default needs the docs to say so", () => {
  const j = judge(
    "Webhooks only accept POST requests from other systems.",
    "Webhooks accept POST requests from other systems and turn them into events.",
  );
  assert.equal(j.verdict, "unverifiable");
  assert.match(j.reason, /only/);
  const ok = judge(
    "Pull is the only required deployment action.",
    "`pull` is the only required deployment action in the file.",
  );
  assert.equal(ok.verdict, "supported");
});

test("opposite pairs: inbound/outbound, push/pull, optional/required, open source/paid, public/private", () => {
  assert.match(
    conflict("Workers need inbound network access.", "Workers need outbound network access only.") ?? "",
    /inbound.*outbound/,
  );
  assert.match(
    conflict("Push work pools need a worker to poll them.", "Pull work pools need a worker to poll them.") ??
      "",
    /opposite/,
  );
  assert.match(
    conflict("The pull step is optional.", "The pull step is required.") ?? "",
    /optional.*required/,
  );
  assert.match(conflict("Audit logs are open-source.", "Audit logs are a paid feature.") ?? "", /opposite/);
  const j = judge(
    "Image artifacts can show private images from your bucket.",
    "Image artifacts render publicly available images in the UI.",
  );
  assert.equal(j.verdict, "contradicted");
  // A claim naming both sides is contrasting them, not confusing them.
  assert.equal(
    conflict("Push pools, unlike pull pools, need no worker.", "Push pools need no worker."),
    null,
  );
});

test("plan tiers, any-one versus all, and 'nothing changes' against a documented change", () => {
  assert.match(
    conflict(
      "Access control lists are on the Pro plan.",
      "The Enterprise plan offers access control lists.",
    ) ?? "",
    /different plan/,
  );
  assert.equal(
    conflict("Audit logs are on the Pro plan.", "The Pro and Enterprise plans offer audit logs."),
    null,
  );
  assert.match(
    conflict(
      "A task runs as soon as any one of its tags has a free slot.",
      "A task runs only if all tags have available concurrency.",
    ) ?? "",
    /any one/,
  );
  assert.match(
    conflict(
      "Nothing changes in version 3 for failed tasks.",
      "This changed in version 3: failed tasks no longer fail the flow.",
    ) ?? "",
    /nothing differs/,
  );
});

test("product contrasts from options: pause vs suspend", () => {
  const hits = [hit("Suspending a flow run exits the process and tears down the infrastructure.")];
  const c = claim("While the run is paused, the infrastructure is torn down and the process exits.");
  assert.notEqual(judgeClaim(c, hits).verdict, "contradicted");
  const j = judgeClaim(c, hits, {
    contrasts: [
      [
        ["paused", "pause"],
        ["suspending", "suspend"],
      ],
    ],
  });
  assert.equal(j.verdict, "contradicted");
});

test("weak evidence is unverifiable, never contradicted", () => {
  assert.equal(
    judge("Prefect supports Kubernetes workers.", "Schedules run deployments at set times.").verdict,
    "unverifiable",
  );
  assert.equal(judge("Work pools are great.").verdict, "unverifiable");
  const price = judge(
    "The Pro plan costs 1800 dollars a month.",
    "The Pro plan includes audit logs and SSO.",
  );
  assert.equal(price.verdict, "unverifiable");
});

test("a sentence mixing a right and a wrong clause is contradicted", () => {
  const j = judge(
    "Child flow runs are linked to their parent in the UI, and any child flow can be cancelled on its own.",
    "In the UI each child flow run is linked to its parent. A nested flow run cannot be cancelled without cancelling its parent flow run.",
  );
  assert.equal(j.verdict, "contradicted");
  assert.match(j.decidingSentence ?? "", /cannot be cancelled/);
});

test("up to three evidence items, the deciding page first", () => {
  const docs = [
    "Schedules run deployments at set times.",
    "Automations react to events.",
    "Work queues have a priority: lower numbers take greater priority, with 1 being the highest priority.",
    "Workers poll work pools.",
  ];
  const j = judge("A higher priority number wins in work queues.", ...docs);
  assert.equal(j.verdict, "contradicted");
  assert.equal(j.evidence.length, 3);
  assert.equal(j.evidence[0]?.url, "https://docs.example.com/p2");
});

test("claim clauses split on joins and keep enough content", () => {
  assert.deepEqual(
    claimClauses("Work pools route runs to infrastructure, so workers poll them for scheduled runs."),
    ["Work pools route runs to infrastructure", "workers poll them for scheduled runs."],
  );
});

test("negation scope: a negated capability covers its object; what the doc also states positively is not denied", () => {
  assert.match(
    conflict(
      "Prefect's cron also understands the H hashed syntax.",
      'While Prefect supports most features of croniter, it does not support "R" random or "H" hashed keyword expressions.',
    ) ?? "",
    /negative/,
  );
  assert.match(
    conflict(
      "You don't need Redis for that.",
      "Running several background services needs Redis for coordination.",
    ) ?? "",
    /denies/,
  );
  // The other side negating the same thing in other words agrees.
  assert.equal(
    conflict(
      "Prefect Cloud never receives your code.",
      "Prefect Cloud orchestrates without receiving your code.",
    ),
    null,
  );
  assert.equal(
    conflict("You don't run a worker at all.", "Execute a flow without having to run a worker process."),
    null,
  );
  // Mentions in quotes and conditions are not denials.
  assert.equal(
    conflict("If you change a schedule, runs are recreated.", 'An empty list is treated as "no change".'),
    null,
  );
  assert.equal(conflict("You can give a cache an expiration.", "`None` means no expiration."), null);
});

test("opposites must be about the same thing; an alternative the doc offers is not an opposite", () => {
  assert.equal(
    conflict(
      "It runs pending database migrations automatically.",
      "If a migration times out, you may need to manually clean up partially created indexes.",
    ),
    null,
  );
  assert.equal(
    conflict(
      "Migrations run automatically when the server starts.",
      "You can also run migrations manually with the CLI.",
    ),
    null,
  );
});

test("a different default among the options the page spells in code", () => {
  const reason = findConflict({
    claim: "Out of the box the cache isolation is serializable.",
    wholeClaim: "Out of the box the cache isolation is serializable.",
    doc: "By default, cache records operate with a `READ_COMMITTED` isolation level.",
    alternatives: ["READ_COMMITTED", "SERIALIZABLE"],
  });
  assert.match(reason ?? "", /different default \("SERIALIZABLE" vs "READ_COMMITTED"\)/);
});

test("editions: a hosted-only feature placed in the open-source product", () => {
  const options = {
    editions: {
      hosted: ["Prefect Cloud", "Cloud"],
      selfHosted: ["open-source server", "open-source", "self-hosted"],
    },
  };
  const claimText =
    "Automations can declare an incident, and that works the same way on the open-source server.";
  const table = hit(
    "Action | Type | Availability\nCall a webhook | `call-webhook` | All\nDeclare an incident | `declare-incident` | Prefect Cloud",
    "Automations",
  );
  assert.equal(judgeClaim(claim(claimText), [table], options).verdict, "contradicted");
  assert.notEqual(judgeClaim(claim(claimText), [table]).verdict, "contradicted", "no editions configured");
  const additional = hit(
    "Prefect Cloud provides the additional features required by organizations such as RBAC, audit logs and SSO.",
  );
  const rbac = judgeClaim(
    claim("RBAC and SSO come with the open-source server as well."),
    [additional],
    options,
  );
  assert.equal(rbac.verdict, "contradicted");
  // Saying it is not in the open-source product agrees.
  assert.notEqual(
    judgeClaim(claim("RBAC and SSO are not in the open-source server."), [additional], options).verdict,
    "contradicted",
  );
});

test("editions: what the docs say the hosted edition adds, the open-source one lacks", () => {
  const options = {
    editions: {
      hosted: ["Prefect Cloud", "Cloud"],
      selfHosted: ["open-source server", "open-source", "self-hosted"],
    },
  };
  const adds = hit(
    "The open-source package and a self-hosted Prefect server cover the core orchestration capabilities; Prefect Cloud adds organizational features such as RBAC, audit logs and SSO.",
  );
  const verdictOf = (text: string) => judgeClaim(claim(text), [adds], options).verdict;
  assert.equal(
    verdictOf("The open-source server has the same RBAC and SSO, so you can move to Cloud later."),
    "contradicted",
  );
  // The shared core is in both editions; features credited to Cloud are credited rightly.
  assert.notEqual(
    verdictOf("The self-hosted Prefect server covers the core orchestration capabilities."),
    "contradicted",
  );
  assert.notEqual(
    verdictOf("You start on the open-source server, but Prefect Cloud adds RBAC and SSO."),
    "contradicted",
  );
});

test("'only X' where the docs list X among others", () => {
  assert.match(
    conflict(
      "Webhooks only accept POST requests.",
      "Use `POST`, `PUT`, and `PATCH` when the webhook request includes a body.",
    ) ?? "",
    /only/,
  );
});

test("a passage naming both sides of a contrast does not support either", () => {
  const j = judgeClaim(
    claim("While it's paused, Prefect tears down the infrastructure."),
    [
      hit(
        "Rejects transitions from Paused when the flow run has been suspended, exiting the flow and tearing down infrastructure.",
      ),
    ],
    {
      contrasts: [
        [
          ["paused", "pause"],
          ["suspended", "suspend"],
        ],
      ],
    },
  );
  assert.equal(j.verdict, "unverifiable");
});

test("plan quotas with figures are unverifiable even when a sentence seems to conflict", () => {
  const j = judge(
    "The Team plan includes five workspaces, so dev and prod fit.",
    "Account admins configure teams and workspaces from the account settings.",
  );
  assert.equal(j.verdict, "unverifiable");
  assert.match(j.reason, /quotas/);
});

test("support terms and SLAs are unverifiable", () => {
  const j = judge(
    "Enterprise support has a one-hour response time for severity-one issues.",
    "Enterprise accounts get support for issues through the support portal within hours.",
  );
  assert.equal(j.verdict, "unverifiable");
});

test("an SLA is a commercial term, unless the claim is about Prefect's SLA feature", () => {
  const passage =
    "SLAs let you define expectations for deployments; when a flow run takes longer than the threshold, Prefect emits an SLA violation event that automations can alert on.";
  const commercial = judge(
    "The SLA in the enterprise contract lets you define expectations, with credits if Prefect misses them.",
    passage,
  );
  assert.equal(commercial.verdict, "unverifiable");
  assert.match(commercial.reason, /SLAs and fees/);
  const feature = judge(
    "An SLA on a deployment emits an event when a flow run takes longer than the threshold.",
    passage,
  );
  assert.equal(feature.verdict, "supported", feature.reason);
});

test("a negation inside a condition describes the exception, not a denial", () => {
  // "if you switch persistence off the cache can't be reused" agrees with docs on reuse.
  assert.equal(
    conflict(
      "if you switch persistence off the cache can't be reused",
      "Caching lets tasks reuse persisted results.",
    ),
    null,
  );
  assert.match(
    conflict("the cache can't be reused across runs", "Tasks reuse cached results across runs.") ?? "",
    /denies/,
  );
});

test("a denied need conflicts only with a passage that states the need", () => {
  // The passage names an "account" but says nothing about needing one.
  assert.equal(
    conflict(
      "you don't need a worker or a cloud provider account",
      "When you create a service account, the cloud creates an API key for the account.",
    ),
    null,
  );
  assert.match(
    conflict("you don't need Redis", "A scaled deployment requires Redis for event messaging.") ?? "",
    /denies/,
  );
});

test('a contrast ("the value, not the future") needs a passage that states the clause nearly whole', () => {
  const claimText = "Prefect waits for it and hands the task the actual value, not the future";
  assert.equal(
    findConflict({
      claim: claimText,
      wholeClaim: claimText,
      doc: "When you pass a future into a task, Prefect waits for the upstream task the future references.",
    }),
    null,
  );
});

test("a reference page (generated API docs) alone cannot make a claim contradicted", () => {
  // The passage shares three of the clause's five terms: enough to contradict from a concepts
  // page, not from generated API docs. (The other hit uses the remaining terms, so they count.)
  const text = "Global state those tasks touch has to be thread-safe.";
  const doc = "Alembic keeps global state in an object that is not thread-safe.";
  const other = hit(
    "Each task can touch files on disk.",
    "Tasks",
    "https://docs.example.com/v3/concepts/tasks",
  );
  const judgeFrom = (url: string) => judgeClaim(claim(text), [hit(doc, "Page", url), other]);
  assert.notEqual(judgeFrom("https://docs.example.com/v3/api-ref/python/alembic").verdict, "contradicted");
  assert.equal(judgeFrom("https://docs.example.com/v3/concepts/database").verdict, "contradicted");
});

test("a table row speaks about its first cell: a claim about another subject does not conflict with it", () => {
  const row = "Developer | All Runner abilities, plus: create, edit, and delete deployments.";
  const claimText = "The Runner role can run deployments but not create or edit them";
  assert.equal(
    findConflict({ claim: claimText, wholeClaim: claimText, doc: row, subject: "Developer" }),
    null,
  );
  const about = "The Developer role cannot create deployments";
  assert.match(
    findConflict({ claim: about, wholeClaim: about, doc: row, subject: "Developer" }) ?? "",
    /negative|denies/,
  );
});

test('"a limit that has no slot decay" describes a condition; it does not deny slot decay', () => {
  assert.equal(
    conflict(
      "the limit needs slot decay configured, otherwise it raises an error",
      "Using rate_limit with a limit that has no slot decay will result in an error.",
    ),
    null,
  );
  assert.match(
    conflict("the limit has slot decay configured", "The limit has no slot decay.") ?? "",
    /negative/,
  );
});
