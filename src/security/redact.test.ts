import assert from "node:assert/strict";
import { test } from "node:test";
import { redactSecrets } from "./redact.js";

test("the values of variables named like secrets are masked wherever they appear", () => {
  const env = {
    ACME_API_KEY: "acme-secret-value-123",
    GITHUB_TOKEN: "ghp_abcdefgh1234",
    DEBUG_MODE: "verbose-mode",
  };
  const out = redactSecrets("key acme-secret-value-123 and ghp_abcdefgh1234 in verbose-mode", env);
  assert.equal(out, "key [REDACTED] and [REDACTED] in verbose-mode");
});

test("a short value of a secret-looking name is left alone (it would mask ordinary words)", () => {
  assert.equal(redactSecrets("turn it on", { FEATURE_TOKEN: "on" }), "turn it on");
});

test("API key headers of any service are masked", () => {
  assert.equal(redactSecrets('x-acme-api-key: "abcdef123456"', {}), 'x-acme-api-key: "[REDACTED]"');
  assert.equal(redactSecrets("x-api-key=abcdef123456", {}), "x-api-key=[REDACTED]");
});
