import assert from "node:assert/strict";
import { test } from "node:test";
import { buildRules, CONFLICT_KINDS, detectConflicts, findConflict } from "./conflicts.js";

const conflict = (claimText: string, doc: string) =>
  findConflict({ claim: claimText, wholeClaim: claimText, doc });

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

test("negation scope: a negated capability covers its object; what the doc also states positively is not denied", () => {
  assert.match(
    conflict(
      "Acme's cron also understands the H hashed syntax.",
      'While Acme supports most features of croniter, it does not support "R" random or "H" hashed keyword expressions.',
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
    conflict("Acme Cloud never receives your code.", "Acme Cloud orchestrates without receiving your code."),
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

test("'only X' where the docs list X among others", () => {
  assert.match(
    conflict(
      "Webhooks only accept POST requests.",
      "Use `POST`, `PUT`, and `PATCH` when the webhook request includes a body.",
    ) ?? "",
    /only/,
  );
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
  const claimText = "Acme waits for it and hands the task the actual value, not the future";
  assert.equal(
    findConflict({
      claim: claimText,
      wholeClaim: claimText,
      doc: "When you pass a future into a task, Acme waits for the upstream task the future references.",
    }),
    null,
  );
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

test("figures, opposite pairs and contrasts named on both sides", () => {
  assert.match(
    conflict(
      "The SDK retries rate-limited requests up to ten times.",
      "The SDK retries rate-limited requests up to 5 times.",
    ) ?? "",
    /different figure/,
  );
  assert.match(
    conflict("A run is late after five minutes.", "A run is late after 15 seconds by default.") ?? "",
    /duration/,
  );
  assert.equal(conflict("Retries happen up to five times.", "Retries happen up to 5 times."), null);
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
  // A claim naming both sides is contrasting them, not confusing them.
  assert.equal(
    conflict("Push pools, unlike pull pools, need no worker.", "Push pools need no worker."),
    null,
  );
});

test("editions: a hosted-only feature placed in the self-hosted product, from the pack's edition names", () => {
  const rules = buildRules([], {
    hosted: ["Acme Cloud", "Cloud"],
    selfHosted: ["open-source server", "open-source", "self-hosted"],
  });
  const kinds = (claimText: string, doc: string, heading = "") =>
    detectConflicts({ claim: claimText, wholeClaim: claimText, doc, heading }, rules).map((c) => c.kind);
  const row = "Declare an incident | `declare-incident` | Acme Cloud";
  const claimText =
    "Automations can declare an incident, and that works the same way on the open-source server.";
  assert.ok(kinds(claimText, row).includes("edition"));
  assert.ok(
    !detectConflicts({ claim: claimText, wholeClaim: claimText, doc: row }).some((c) => c.kind === "edition"),
    "no editions configured",
  );
  const adds = "Acme Cloud adds organizational features such as RBAC, audit logs and SSO.";
  assert.ok(kinds("The open-source server has the same RBAC and SSO.", adds).includes("edition"));
  assert.ok(
    !kinds("You start on the open-source server, but Acme Cloud adds RBAC and SSO.", adds).includes(
      "edition",
    ),
  );
  assert.ok(!kinds("RBAC and SSO are not in the open-source server.", adds).includes("edition"));
});

test("every detector that fires is reported, typed, in a fixed order", () => {
  const found = detectConflicts({
    claim: "Workers need inbound access and retry five times.",
    wholeClaim: "Workers need inbound access and retry five times.",
    doc: "Workers need outbound access and retry 3 times.",
    strong: true,
  });
  const kinds = found.map((c) => c.kind);
  assert.deepEqual(
    kinds,
    [...kinds].sort((a, b) => CONFLICT_KINDS.indexOf(a) - CONFLICT_KINDS.indexOf(b)),
  );
  assert.ok(kinds.includes("opposite") && kinds.includes("figure"), kinds.join());
  assert.equal(findConflict({ claim: "a", wholeClaim: "a", doc: "b" }), null);
});
