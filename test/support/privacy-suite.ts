/**
 * What leaves the machine: every docs query an MCP server receives while Call Coach analyzes a
 * folder of labeled calls (the ../shared/eval format), checked against each call's list of
 * personal and customer data (`pii`). The server is our docs server over stdio, recording what
 * it receives. Used by the unit tier on the repository's own calls and by the data tier on the
 * shared calls.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Report } from "../../src/model/report.js";
import { cleanEnv, docsServerCommand, homeWithFixtureDocs, readJsonLines, runCli } from "./mcp-helpers.js";

interface Labels {
  call: string;
  internal_speakers?: string[];
  pii: string[];
}

/** Registers the suite for the labeled calls in `dir` (all of them, or those `pick` keeps). */
export function privacySuite(dir: string, pick: (labelFile: string) => boolean = () => true): void {
  const labelFiles = readdirSync(dir).filter((f) => f.endsWith(".labels.json") && pick(f));

  let home: { path: string; remove(): void };
  before(async () => {
    home = await homeWithFixtureDocs();
  });
  after(() => home.remove());

  describe("docs queries carry no personal or customer data", () => {
    it("finds the labeled calls", () => {
      assert.ok(labelFiles.length >= 4, `labeled calls in ${dir}`);
    });

    for (const file of labelFiles) {
      it(`${file.replace(".labels.json", "")}: no PII string in any query the MCP server received`, async () => {
        const labels = JSON.parse(readFileSync(join(dir, file), "utf8")) as Labels;
        assert.ok(labels.pii.length > 0);
        const log = join(home.path, `${file}.queries.jsonl`);
        const result = await runCli(
          [
            "analyze",
            join(dir, labels.call),
            "--internal",
            (labels.internal_speakers ?? []).join(","),
            "--json",
          ],
          cleanEnv({
            CALL_COACH_HOME: home.path,
            CALL_COACH_KNOWLEDGE: "mcp",
            PREFECT_MCP_COMMAND: docsServerCommand(home.path, ["--log-queries", log]),
            // Every query must reach the server: no answers from an earlier run's cache.
            CALL_COACH_DOCS_CACHE_TTL_S: "0.001",
            CALL_COACH_DOCS_CACHE_STALE_S: "0.001",
          }),
        );
        assert.equal(result.code, 0, result.stderr);
        const report = JSON.parse(result.stdout) as Report;
        const queries = readJsonLines<{ query: string }>(log).map((q) => q.query);
        assert.equal(queries.length, report.knowledge.queries, "the server saw every query of the call");
        assert.ok(queries.length > 0);
        for (const query of queries) {
          for (const pii of labels.pii) {
            assert.ok(!query.toLowerCase().includes(pii.toLowerCase()), `query "${query}" contains "${pii}"`);
          }
        }
        assert.equal(report.knowledge.errors, 0);
      });
    }
  });
}
