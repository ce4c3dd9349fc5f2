import assert from "node:assert/strict";
import { test } from "node:test";
import { splitPassages } from "./doc-passages.js";

test("a sentence carries its neighbours as context", () => {
  const [a, b, c] = splitPassages(
    "Schedules create runs. `COUNT` is not supported. Use UNTIL to end the recurrence instead.",
  );
  assert.equal(b?.text, "`COUNT` is not supported.");
  assert.equal(b?.kind, "sentence");
  assert.match(b!.context, /^Schedules create runs\. Use UNTIL/);
  assert.equal(a?.context.trim(), "`COUNT` is not supported.");
  assert.ok(c);
});

test("list items carry the sentence that introduces the list; the lead-in is not a statement", () => {
  const passages = splitPassages(
    "The Scheduler creates the fewest runs that satisfy the following constraints, in order:\n\n- No more than 100 runs will be scheduled.\n- Runs will not be scheduled more than 100 days in the future.",
  );
  assert.deepEqual(
    passages.map((p) => [p.kind, p.text]),
    [
      ["item", "No more than 100 runs will be scheduled."],
      ["item", "Runs will not be scheduled more than 100 days in the future."],
    ],
  );
  assert.match(passages[0]!.context, /Scheduler creates the fewest runs/);
});

test("table rows carry the header row", () => {
  const passages = splitPassages(
    "State types:\n\nName | Type | Terminal? | Description\n`Late` | `SCHEDULED` | No | The run's scheduled start time has passed (15 seconds by default).\n`Running` | `RUNNING` | No | The run code is currently executing.",
  );
  const late = passages.find((p) => p.text.startsWith("`Late`"));
  assert.equal(late?.kind, "row");
  assert.match(late!.context, /^Name \| Type \| Terminal\? \| Description/);
  assert.equal(passages.filter((p) => p.kind === "row").length, 2);
});

test("a settings entry's default is part of its description; code blocks are left out", () => {
  const passages = splitPassages(
    "This value sets the default number of retries for all tasks.\n\nType: `integer`\n\nDefault: `0`\n\nTOML dotted key path: `tasks.default_retries`\n\n```python\n@task(retries=3)\ndef f(): ...\n```",
    "TasksSettings › default_retries",
  );
  assert.equal(passages.length, 1);
  assert.equal(passages[0]?.kind, "setting");
  assert.equal(passages[0]?.text, "This value sets the default number of retries for all tasks. Default: 0");
  assert.equal(passages[0]?.heading, "TasksSettings › default_retries");
});

test("markdown emphasis is removed so words match: **_all_** reads as all", () => {
  const [p] = splitPassages(
    "If a task has multiple tags, it will run only if **_all_** tags have available concurrency.",
  );
  assert.equal(
    p?.text,
    "If a task has multiple tags, it will run only if all tags have available concurrency.",
  );
});
