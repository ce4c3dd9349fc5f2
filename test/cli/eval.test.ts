/**
 * `call-coach eval DIR` through the built CLI: labeled calls in the shared eval format are analyzed
 * with the configured setup (here: the bundled pack, offline) and scored with the eval's rules.
 */
import assert from "node:assert/strict";
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { type CliSandbox, cliSandbox, errorLines, ROOT } from "./support.js";

const DEV = join(ROOT, "test", "fixtures", "eval-dev");
let cli: CliSandbox;
let calls: string;

before(async () => {
  cli = await cliSandbox();
  calls = join(cli.dir, "calls");
  await mkdir(calls);
  for (const f of ["b01.labels.json", "b01.vtt", "b02.labels.json", "b02.gong.json"])
    await copyFile(join(DEV, f), join(calls, f));
});
after(() => cli.close());

test("eval scores a folder of labeled calls and ends with the scorer's figures line", async () => {
  const r = await cli.run(["eval", calls]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split("\n");
  assert.match(lines[0]!, /^calls: 2; knowledge: local$/);
  const last = lines.at(-1)!;
  for (const name of [
    "claim_recall",
    "verdict_acc",
    "contradicted_precision",
    "supported_precision",
    "cite_hit3",
    "objections_flagged_per_labeled",
  ])
    assert.match(last, new RegExp(`\\b${name}=(?:\\d\\.\\d{3}|n/a)\\b`), name);
  const recall = Number(/claim_recall=(\d\.\d+)/.exec(last)![1]);
  assert.ok(recall >= 0.8, last);

  const json = await cli.run(["eval", calls, "--json"]);
  assert.equal(json.code, 0, json.stderr);
  const figures = JSON.parse(json.stdout);
  assert.equal(figures.calls, 2);
  assert.equal(figures.claim_recall.toFixed(3), recall.toFixed(3), "the JSON figures are the printed ones");
  assert.ok(figures.verdict_acc >= 0 && figures.verdict_acc <= 1);
});

test("eval: a missing folder or a broken label file is a one-line error with exit code 2", async () => {
  const missing = await cli.run(["eval", join(cli.dir, "nope")]);
  assert.equal(missing.code, 2);
  assert.deepEqual(errorLines(missing.stderr).length, 1);
  assert.match(missing.stderr, /nope/);

  const broken = join(cli.dir, "broken");
  await mkdir(broken);
  await writeFile(
    join(broken, "x.labels.json"),
    JSON.stringify({ call: "x.vtt", claims: [{ id: "x-c1", quote: "q", verdict: "maybe" }] }),
  );
  const bad = await cli.run(["eval", broken]);
  assert.equal(bad.code, 2);
  assert.equal(errorLines(bad.stderr).length, 1);
  assert.match(bad.stderr, /x\.labels\.json/);
  assert.match(bad.stderr, /claims\.0\.verdict/);
});
