/**
 * What leaves the machine, on the repository's own labeled calls: one call of each transcript
 * format (the data tier runs the same suite over the shared labeled calls).
 */
import { join } from "node:path";
import { privacySuite } from "../support/privacy-suite.js";

privacySuite(join(import.meta.dirname, "..", "fixtures", "eval-dev"), (f) => /^(b01|b02|b03|c01)\./.test(f));
