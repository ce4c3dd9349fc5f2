import assert from "node:assert/strict";
import { test } from "node:test";
import { conflictingPrecedence, precedenceOf } from "./precedence.js";

test("reads what wins over what, with file names and code spans intact", () => {
  const p = precedenceOf(
    "Triggers passed to `deploy` take precedence over those defined in `settings.yaml`.",
  );
  assert.ok(p?.winner.has("pass"));
  assert.ok(p?.loser.has("settings.yaml"));
  assert.equal(precedenceOf("Schedules run every hour."), null);
});

test("a claim that puts the loser first conflicts with the documented order", () => {
  const doc = "Environment variables always take precedence over values declared in profiles.";
  assert.match(
    conflictingPrecedence("The active profile wins over environment variables.", doc) ?? "",
    /other way round/,
  );
  assert.match(
    conflictingPrecedence("If both are set, the ones in the profiles win.", doc) ?? "",
    /other way round/,
  );
  assert.equal(conflictingPrecedence("Environment variables win over the profile.", doc), null);
});

test("overriding as something one may do is not a precedence statement", () => {
  assert.equal(
    conflictingPrecedence(
      "Any deployment can override that through job variables.",
      "Job variables of a deployment override the work pool's defaults.",
    ),
    null,
  );
});
