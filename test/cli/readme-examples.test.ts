/**
 * The `call-coach analyze` examples of the CLI reference (docs/cli.md) run as written: each command
 * is taken from the page, run in a scratch folder that links to examples/, and must exit 0. The
 * README's own commands are run by test/readme/readme-commands.test.ts.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { symlink } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { type CliSandbox, cliSandbox, EXAMPLES, ROOT } from "./support.js";

function readmeCommands(): { env: Record<string, string>; args: string[]; line: string }[] {
  const page = readFileSync(join(ROOT, "docs", "cli.md"), "utf8");
  const joined = page.replace(/\\\n\s*/g, " ");
  return joined
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => /^(?:[A-Z_]+=\S+\s+)*npx call-coach analyze /.test(l))
    .map((line) => {
      const env: Record<string, string> = {};
      let rest = line;
      for (let m = /^([A-Z_]+)=(\S+)\s+/.exec(rest); m; m = /^([A-Z_]+)=(\S+)\s+/.exec(rest)) {
        env[m[1]!] = m[2]!;
        rest = rest.slice(m[0].length);
      }
      const words = [...rest.replace(/^npx call-coach /, "").matchAll(/"([^"]*)"|(\S+)/g)].map(
        (m) => m[1] ?? m[2]!,
      );
      return { env, args: words, line };
    });
}

let cli: CliSandbox;
before(async () => {
  cli = await cliSandbox();
  await symlink(EXAMPLES, join(cli.dir, "examples"));
});
after(async () => {
  await cli.close();
});

test("the CLI reference's analyze examples run", async () => {
  const commands = readmeCommands();
  assert.ok(commands.length >= 6, `found ${commands.length} commands`);
  assert.ok(
    commands.some((c) => c.args.filter((a) => a.endsWith(".json")).length === 2),
    "the split Gong form",
  );
  for (const c of commands) {
    const r = await cli.run(c.args, c.env);
    assert.equal(r.code, 0, `${c.line}\n${r.stderr}`);
  }
});
