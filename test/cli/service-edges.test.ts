/**
 * The CLI's side of issue 12's rough edges, through the built CLI: `prefect` commands whose
 * Prefect API is down fail (stderr, exit 1); a batch without team names warns; SIGTERM/SIGINT to
 * `analyze` in mcp mode leaves neither the MCP server nor the process under it running.
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { callText, DANA, MORGAN, RILEY, SAM } from "../service/support/calls.js";
import {
  cleanEnv,
  FAULT_SERVER,
  faultServerCommand,
  homeWithFixtureDocs,
  processesWith,
  ROOT,
  runCli,
  uniqueMarker,
  waitFor,
  waitForNoProcesses,
} from "../support/mcp-helpers.js";

let home: { path: string; remove(): void };
before(async () => {
  home = await homeWithFixtureDocs();
});
after(() => home.remove());

describe("call-coach prefect with the Prefect API down", () => {
  for (const json of [false, true]) {
    it(`flows${json ? " --json" : ""}: the error on stderr, nothing on stdout, exit 1`, async () => {
      const marker = uniqueMarker("dead-api");
      const r = await runCli(
        ["prefect", "flows", ...(json ? ["--json"] : [])],
        cleanEnv({ CALL_COACH_HOME: home.path, PREFECT_MCP_COMMAND: faultServerCommand("dead-api", marker) }),
      );
      assert.equal(r.code, 1, r.stderr);
      assert.equal(r.stdout, "");
      assert.match(r.stderr, /^call-coach: Prefect: Error fetching flows: All connection attempts failed/m);
      assert.doesNotMatch(r.stdout + r.stderr, /\(none\)/);
      assert.deepEqual(await waitForNoProcesses(marker), []);
    });
  }
});

describe("analyze --store (batch) without team names", () => {
  it("warns on stderr for each call with no speaker known to be on the team", async () => {
    const dir = join(home.path, "batch-no-names");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "a.txt"),
      callText({ id: "a", title: "a", startedAt: "", rep: SAM, customer: MORGAN }),
    );
    writeFileSync(
      join(dir, "b.txt"),
      callText({ id: "b", title: "b", startedAt: "", rep: DANA, customer: RILEY }),
    );
    const r = await runCli(["analyze", dir, "--store"], cleanEnv({ CALL_COACH_HOME: home.path }), {
      timeoutMs: 120_000,
    });
    assert.equal(r.code, 0, r.stderr);
    for (const f of ["a.txt", "b.txt"])
      assert.match(
        r.stderr,
        new RegExp(`call-coach: warning: \\S*${f}: no speaker is known to be on your team`),
      );
    const named = await runCli(
      ["analyze", dir, "--store", "--internal", "Sam Ortiz,Dana Reyes"],
      cleanEnv({ CALL_COACH_HOME: home.path }),
      { timeoutMs: 120_000 },
    );
    assert.equal(named.code, 0, named.stderr);
    assert.doesNotMatch(named.stderr, /no speaker is known to be on your team/);
  });
});

describe("analyze in mcp mode stopped by a signal", () => {
  for (const [signal, code] of [
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const) {
    it(`${signal}: exit ${code}, and neither the MCP server nor its child is left running`, async () => {
      const marker = uniqueMarker(`orphan-${signal}`);
      // sh stays as the MCP server's parent (the trailing `true` stops it exec-ing node), as uvx
      // does with the real Prefect server: a child and a grandchild.
      const server = [
        process.execPath,
        FAULT_SERVER,
        "--mode",
        "slow",
        "--delay-ms",
        "120000",
        "--marker",
        marker,
      ]
        .map((a) => `'${a}'`)
        .join(" ");
      const result = runCli(
        ["analyze", join(ROOT, "examples", "halvorsen-discovery.gong.json"), "--json"],
        cleanEnv({
          CALL_COACH_HOME: home.path,
          CALL_COACH_KNOWLEDGE: "mcp",
          PREFECT_MCP_TIMEOUT_MS: "120000",
          PREFECT_MCP_COMMAND: `sh -c "${server}; true"`,
        }),
        {
          timeoutMs: 60_000,
          onSpawn: (child) => {
            void waitFor(
              () => processesWith(marker, "cmdline").length >= 2,
              30_000,
              "the MCP server and its child",
            ).then(() => child.kill(signal));
          },
        },
      );
      const r = await result;
      assert.equal(r.code, code, r.stderr);
      assert.match(r.stderr, new RegExp(`stopped by ${signal}`));
      assert.equal(r.stdout, "");
      assert.deepEqual(await waitForNoProcesses(marker), []);
    });
  }
});

describe("report wording", () => {
  it("one question asked by the team is singular in the HTML and Markdown reports", async () => {
    const file = join(home.path, "one-question.txt");
    writeFileSync(
      file,
      [
        "[00:00:02] Sam Ortiz: Thanks for joining today, it is good to meet you.",
        "[00:00:08] Morgan Blake: Thanks, we run our nightly pipelines on cron at the moment.",
        "[00:00:15] Sam Ortiz: How do you handle failures in those pipelines today?",
        "[00:00:21] Morgan Blake: Mostly by hand, someone reruns them in the morning.",
        "[00:00:28] Sam Ortiz: I will send you the migration guide after the call.",
        "",
      ].join("\n"),
    );
    for (const format of ["--html", "--markdown"]) {
      const r = await runCli(
        ["analyze", file, "--internal", "Sam Ortiz", format],
        cleanEnv({ CALL_COACH_HOME: home.path }),
      );
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Talk ratio \d+%, 1 question asked by the team\./);
      assert.doesNotMatch(r.stdout, /\b1 questions\b|\b1 participants\b|\b1 calls\b/);
    }
  });
});
