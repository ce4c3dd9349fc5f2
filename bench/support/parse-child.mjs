// Parses and analyzes one transcript file in its own process, as `call-coach analyze` does up to
// the report, and prints {parseMs, analyzeMs, maxRssMb, utterances, participants} so the benchmark
// can read the peak memory of that work alone.
// usage: node bench/support/parse-child.mjs FILE [INTERNAL_NAME]   (needs `npm run build`)
import { readFile } from "node:fs/promises";
import { analyzeConversation } from "../../dist/analyze/index.js";
import { parseTranscript } from "../../dist/parse/index.js";
import { defaultProductProfile } from "../../dist/product/default.js";

const [file, internal] = process.argv.slice(2);
const bytes = await readFile(file);
let t = performance.now();
const call = parseTranscript(bytes, { fileName: file, internal: internal ? [internal] : [] });
const parseMs = performance.now() - t;
t = performance.now();
analyzeConversation(call, { profile: defaultProductProfile() });
const analyzeMs = performance.now() - t;
// resourceUsage().maxRSS is in kilobytes.
process.stdout.write(
  `${JSON.stringify({ parseMs, analyzeMs, maxRssMb: process.resourceUsage().maxRSS / 1024, utterances: call.utterances.length, participants: call.participants.length })}\n`,
);
