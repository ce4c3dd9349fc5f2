import assert from "node:assert/strict";
import { test } from "node:test";
import { memo } from "../src/memo.js";

test("memo computes once per key object, and nests for two keys", () => {
  let calls = 0;
  const lengthOf = memo((list: string[]) => {
    calls++;
    return list.length;
  });
  const a = ["x", "y"];
  assert.equal(lengthOf(a), 2);
  assert.equal(lengthOf(a), 2);
  assert.equal(lengthOf(["x", "y"]), 2);
  assert.equal(calls, 2, "a second array with the same content is another key");

  const pair = memo((a: object) => memo((b: object) => ({ a, b })));
  const k1 = {};
  const k2 = {};
  assert.equal(pair(k1)(k2), pair(k1)(k2));
  assert.notEqual(pair(k1)(k2), pair(k2)(k1));
});
