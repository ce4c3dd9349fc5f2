/**
 * The README's commands that need the shared data (`<!-- needs: shared -->`) run as written (data
 * tier), in README order, from a scratch project root with a temporary CALL_COACH_HOME. `../shared`
 * in a command is the shared folder: CALL_COACH_SHARED_DIR when set, else ../shared beside the
 * clone (scripts/shared-data.ts). The unit tier runs the others: test/readme/readme-commands.test.ts.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { SHARED_DIR } from "../../scripts/shared-data.js";
import {
  failure,
  firstCommand,
  readmeBlocks,
  readmeSuite,
  runBlock,
  withSharedDir,
} from "../support/readme-commands.js";

const blocks = readmeBlocks().filter((b) => b.kind === "shared");

test("the README has commands on the shared data", () => {
  assert.ok(blocks.length >= 1, "no <!-- needs: shared --> block in the README");
  assert.ok(
    blocks.some((b) => /docs sync --from-dir \.\.\/shared\/prefect-docs/.test(b.script)),
    "docs sync from ../shared/prefect-docs",
  );
});

readmeSuite("README commands on the shared data", (box) => {
  for (const b of blocks)
    test(`README.md:${b.line}: ${firstCommand(b)}`, async () => {
      const r = await runBlock(withSharedDir(b.script, SHARED_DIR), box());
      assert.equal(r.code, 0, failure(b, r));
    });
});
