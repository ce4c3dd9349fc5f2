/**
 * WebVTT cue text (parse/cue-text.ts): who said what, with tags dropped and character references
 * decoded, in cue text and in voice names alike.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { cueRuns, decodeReferences } from "../../src/parse/cue-text.js";

test("named, numeric and legacy character references", () => {
  assert.equal(
    decodeReferences("Far&#237;as &amp; N&uacute;&ntilde;ez &#x263A; &lt;b&gt;"),
    "Farías & Núñez ☺ <b>",
  );
  assert.equal(decodeReferences("AT&T &amp &unknown; &#0; &#x110000;"), "AT&T & &unknown; \uFFFD \uFFFD");
});

test("voices: one run per <v> span, text outside a span has no voice, markup and ruby text dropped", () => {
  assert.deepEqual(cueRuns("<v Carlos Far&#237;as>Hola</v> <v.loud Bo>Hi <i>there</i></v> tail"), [
    { voice: "Carlos Farías", text: "Hola" },
    { voice: "Bo", text: "Hi there" },
    { voice: null, text: "tail" },
  ]);
  assert.deepEqual(cueRuns("<ruby>漢<rt>kan</rt></ruby>字 <00:00:01.000>next"), [
    { voice: null, text: "漢字 next" },
  ]);
  assert.deepEqual(cueRuns("<v Ann>unclosed voice"), [{ voice: "Ann", text: "unclosed voice" }]);
  assert.deepEqual(cueRuns("<v Bob"), [], "a tag without > runs to the end of the cue");
});
