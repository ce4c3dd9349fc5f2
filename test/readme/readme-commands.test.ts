/**
 * The README's commands run as written (unit tier): every `bash`/`sh` block that needs only the
 * clone runs, in README order, from a scratch project root with a temporary CALL_COACH_HOME, and
 * must exit 0. Server blocks must come up and answer /health, then stop cleanly. Blocks that need
 * the shared data run in test/data/readme-commands.test.ts; `not run` blocks must give a reason
 * (a test checks it). Conventions: docs/development.md ("The README's commands are tests").
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  failure,
  firstCommand,
  readmeBlocks,
  readmeSuite,
  runBlock,
  startServerBlock,
  stopProcessGroup,
} from "../support/readme-commands.js";

const blocks = readmeBlocks();

test("every shell block of the README is marked with a known convention", () => {
  assert.ok(blocks.length >= 10, `found only ${blocks.length} shell blocks`);
  for (const b of blocks) {
    assert.notEqual(b.kind, "unknown", `README.md:${b.line}: unknown marker <!-- ${b.marker} -->`);
    if (b.kind === "unit" || b.kind === "server" || b.kind === "product-profile")
      assert.doesNotMatch(
        b.script,
        /\.\.\/shared\b/,
        `README.md:${b.line}: uses ../shared: mark it <!-- needs: shared -->`,
      );
  }
  assert.ok(
    blocks.some((b) => b.kind === "unit" && /^npm run example$/m.test(b.script)),
    "`npm run example` runs",
  );
});

readmeSuite("README commands that need only the clone", (box) => {
  // Blocks marked `not run` (npm ci itself, apt, MCP over PyPI, Gong) must say why; blocks that need
  // ../shared run in the data tier (test/data/readme-commands.test.ts). Neither is a skipped test.
  test("every README block this tier does not run says why", () => {
    for (const b of blocks.filter((x) => x.kind === "not-run"))
      assert.ok(b.reason?.trim(), `README.md:${b.line}: <!-- not run: … --> needs a reason`);
  });
  for (const b of blocks) {
    const name = `README.md:${b.line}: ${firstCommand(b)}`;
    if (b.kind === "unit" || b.kind === "product-profile")
      test(name, async () => {
        const r = await runBlock(b.script, box());
        assert.equal(r.code, 0, failure(b, r));
      });
    else if (b.kind === "server")
      test(`${name} (with --port 0)`, async () => {
        const server = await startServerBlock(b, box());
        try {
          const res = await fetch(`${server.url}/health`);
          assert.equal(res.status, 200, `/health of ${server.url}`);
          const health = (await res.json()) as { status?: string };
          assert.equal(health.status, "ok");
        } finally {
          stopProcessGroup(server.child);
        }
        // Ctrl-C: the server says it is stopping and exits 0; npm exec then re-raises SIGINT, so the
        // shell around it ends by that signal (130 in a terminal), as it would for a user.
        const exit = await server.exited;
        const stopped = `README.md:${b.line}: did not stop cleanly (${exit.code ?? exit.signal})\n${server.stderr()}`;
        assert.ok(exit.code === 0 || exit.code === 130 || exit.signal === "SIGINT", stopped);
        assert.match(server.stderr(), /call-coach: stopping/, stopped);
        assert.doesNotMatch(server.stderr(), /^call-coach: (?!serving|stopping|warning|http)/m, stopped);
      });
  }
});
