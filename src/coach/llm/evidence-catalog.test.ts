import assert from "node:assert/strict";
import { test } from "node:test";
import type { KnowledgeHit } from "../../model/knowledge.js";
import { EvidenceCatalog, EXCERPT_MAX_CHARS } from "./evidence-catalog.js";

const hit = (over: Partial<KnowledgeHit>): KnowledgeHit => ({
  title: "Flows",
  url: "https://docs.prefect.io/v3/concepts/flows",
  section: "Cancel nested flow runs",
  snippet: "A nested flow run cannot be cancelled",
  content: "A nested flow run cannot be cancelled without cancelling its parent flow run.",
  score: 1,
  source: "local",
  ...over,
});

test("the same hit for two items gets one id; ids are the model's only way to cite", () => {
  const catalog = new EvidenceCatalog();
  assert.deepEqual(
    catalog.add([hit({}), hit({ section: "Retries", content: "Flows can retry on failure." })]),
    ["E1", "E2"],
  );
  assert.deepEqual(catalog.add([hit({})]), ["E1"]);
  assert.equal(catalog.has("E2"), true);
  assert.equal(catalog.has("E3"), false);
  assert.match(
    catalog.render(),
    /^\[E1\] Flows § Cancel nested flow runs\nhttps:\/\/docs\.prefect\.io\/v3\/concepts\/flows\nA nested flow run cannot/,
  );
});

test("a long chunk is cut to the sentences about the item, in document order", () => {
  const filler = Array.from(
    { length: 40 },
    (_, i) => `Sentence number ${i} talks about deployment schedules in general.`,
  );
  const content = [
    ...filler.slice(0, 20),
    "Library logs are not captured by default unless you list extra loggers.",
    ...filler.slice(20),
  ].join(" ");
  const catalog = new EvidenceCatalog();
  catalog.add([hit({ content })], "Prefect captures the logs from every library");
  const excerpt = catalog.all()[0]!.excerpt;
  assert.ok(excerpt.length <= EXCERPT_MAX_CHARS + 40);
  assert.match(excerpt, /Library logs are not captured by default/);
});

test("a chunk that is only code keeps the code as its excerpt", () => {
  const catalog = new EvidenceCatalog();
  catalog.add([hit({ content: "```python\n@flow(retries=3)\ndef etl(): ...\n```" })]);
  assert.match(catalog.all()[0]!.excerpt, /@flow\(retries=3\)/);
});
