import assert from "node:assert/strict";
import { test } from "node:test";
import { splitSentences } from "./sentences.js";

test("splits on sentence punctuation", () => {
  assert.deepEqual(splitSentences("Hi both. Could you start? Great!"), [
    "Hi both.",
    "Could you start?",
    "Great!",
  ]);
});

test("keeps abbreviations, decimals, versions, URLs and emails inside sentences", () => {
  assert.deepEqual(
    splitSentences(
      "We run Acme 3.0 on e.g. Kubernetes, i.e. EKS. Mail dana@example.com or see docs.acme.io for 2.5x speed. Done.",
    ),
    [
      "We run Acme 3.0 on e.g. Kubernetes, i.e. EKS.",
      "Mail dana@example.com or see docs.acme.io for 2.5x speed.",
      "Done.",
    ],
  );
});

test("keeps closing quotes with their sentence and handles a missing final stop", () => {
  assert.deepEqual(splitSentences('He said "it works." Then we left'), [
    'He said "it works."',
    "Then we left",
  ]);
});

test("an initial does not end a sentence", () => {
  assert.deepEqual(splitSentences("Ask J. Smith about it. Thanks."), ["Ask J. Smith about it.", "Thanks."]);
});

test("empty and whitespace-only input gives no sentences", () => {
  assert.deepEqual(splitSentences("   \n "), []);
});
