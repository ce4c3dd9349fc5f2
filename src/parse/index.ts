/**
 * Transcript ingestion: any supported file → the call model. The format is detected from the
 * content (the extension only breaks ties), so a misnamed file still parses.
 */
import { open, stat } from "node:fs/promises";
import { basename } from "node:path";
import { InputError, UsageError } from "../errors.js";
import type { Call, TranscriptFormat } from "../model/call.js";
import type { SideHints } from "./assemble.js";
import { isCallJson, parseCallJson } from "./call-json.js";
import { decodeTranscript } from "./decode.js";
import { hasGongTranscript, isGongDocument, parseGongDocuments } from "./gong.js";
import { formatCount, MAX_TRANSCRIPT_BYTES } from "./limits.js";
import { parseSrt } from "./srt.js";
import { looksLikeTextTranscript, parseText } from "./text.js";
import { parseVtt } from "./vtt.js";

export interface ParseOptions extends SideHints {
  fileName: string | null;
  /** Skip detection. */
  format?: TranscriptFormat;
  /** Gong files holding several calls: the one to analyze (`metaData.id` / `callId`). */
  callId?: string | null;
}

/**
 * Larger files are refused before reading (limits.ts): a 60-minute transcript is about 60 KB as
 * text and under 1 MB as a full Gong export, so 20 MB leaves room for very long calls while keeping
 * a wrong file (a video, a database dump) from being read into memory.
 */
export { MAX_TRANSCRIPT_BYTES } from "./limits.js";

export function detectFormat(text: string, fileName: string | null): TranscriptFormat {
  const head = text.trimStart().slice(0, 4096);
  if (/^WEBVTT(?:[ \t]|\r?\n|$)/.test(head)) return "vtt";
  if (head.startsWith("{") || /^\[\s*[{\]"]/.test(head)) {
    return /"(callTranscripts|calls)"\s*:/.test(text.slice(0, 200_000)) ? "gong" : "json";
  }
  if (/^\d+\s*\r?\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->/.test(head)) return "srt";
  if (/-->/.test(head) && fileName?.toLowerCase().endsWith(".vtt")) return "vtt";
  if (/-->/.test(head) && /^\s*\d{1,2}:\d{2}:\d{2},\d{3}\s*-->/m.test(head)) return "srt";
  if (looksLikeTextTranscript(text)) return "text";
  const ext = fileName?.toLowerCase() ?? "";
  if (ext.endsWith(".vtt")) return "vtt";
  if (ext.endsWith(".srt")) return "srt";
  if (ext.endsWith(".json")) return "json";
  return "text";
}

export function parseTranscript(input: Buffer | string, options: ParseOptions): Call {
  const file = options.fileName;
  // Bytes for a buffer, UTF-16 code units for a string (uploads and MCP arguments arrive as text).
  if (input.length > MAX_TRANSCRIPT_BYTES) {
    const unit = typeof input === "string" ? "characters" : "bytes";
    throw new InputError(
      `transcript is ${formatCount(input.length)} ${unit}; at most ${formatCount(MAX_TRANSCRIPT_BYTES)} are accepted (a 60-minute call is about 60,000)`,
      { file },
    );
  }
  const decoded = decodeTranscript(input, file);
  const text = decoded.text;
  const format = options.format ?? detectFormat(text, file);
  const hints: SideHints = { internal: options.internal ?? [], companyDomain: options.companyDomain ?? null };
  const call = parseDecoded(text, format, file, hints, options.callId ?? null);
  call.warnings.unshift(...decoded.warnings);
  return withTitle(call, file);
}

function parseDecoded(
  text: string,
  format: TranscriptFormat,
  file: string | null,
  hints: SideHints,
  callId: string | null,
): Call {
  switch (format) {
    case "vtt":
      return parseVtt(text, file, hints);
    case "srt":
      return parseSrt(text, file, hints);
    case "text":
      return parseText(text, file, hints);
    case "gong":
    case "json": {
      const doc = parseJson(text, file);
      if (isGongDocument(doc)) {
        if (!hasGongTranscript(doc)) {
          throw new InputError(
            "this is a Gong /v2/calls/extensive response without the transcript; pass the /v2/calls/transcript response as a second file",
            { file, field: "callTranscripts" },
          );
        }
        return parseGongDocuments(doc, null, file, hints, { callId });
      }
      if (isCallJson(doc)) return parseCallJson(doc, file, hints);
      throw new InputError(
        "JSON is neither a Gong export (calls/callTranscripts) nor a Call Coach call (participants/utterances)",
        { file },
      );
    }
  }
}

export async function parseTranscriptFile(
  path: string,
  options: Omit<ParseOptions, "fileName"> = {},
): Promise<Call> {
  const buffer = await readLimited(path);
  return parseTranscript(buffer, { ...options, fileName: path });
}

/**
 * One transcript file, or the two Gong API responses as separate files in either order: the
 * `/v2/calls/extensive` response (call metadata, parties) and the `/v2/calls/transcript` response.
 */
export async function parseTranscriptFiles(
  paths: string[],
  options: Omit<ParseOptions, "fileName" | "format"> = {},
): Promise<Call> {
  if (paths.length === 1) return parseTranscriptFile(paths[0]!, options);
  if (paths.length !== 2) {
    throw new UsageError(
      `analyze takes one transcript file, or two for a Gong export split into its extensive and transcript responses (got ${paths.length} files)`,
    );
  }
  const docs = await Promise.all(
    paths.map(async (path) => {
      const decoded = decodeTranscript(await readLimited(path), path);
      const doc = parseJson(decoded.text, path, "with two files, both must be Gong API responses (JSON)");
      if (!isGongDocument(doc)) {
        throw new InputError(
          "with two files, both must be Gong API responses: this one has neither calls nor callTranscripts",
          { file: path },
        );
      }
      return { path, doc, warnings: decoded.warnings };
    }),
  );
  const transcripts = docs.filter((d) => hasGongTranscript(d.doc));
  const extensives = docs.filter((d) => !hasGongTranscript(d.doc));
  if (transcripts.length !== 1 || extensives.length !== 1) {
    throw new UsageError(
      transcripts.length === 2
        ? `both files hold a Gong transcript (callTranscripts); give one transcript file and one /v2/calls/extensive file: ${paths.join(", ")}`
        : `neither file holds a Gong transcript (callTranscripts); give the /v2/calls/transcript response too: ${paths.join(", ")}`,
    );
  }
  const transcript = transcripts[0]!;
  const extensive = extensives[0]!;
  const hints: SideHints = { internal: options.internal ?? [], companyDomain: options.companyDomain ?? null };
  const call = parseGongDocuments(transcript.doc, extensive.doc, transcript.path, hints, {
    callId: options.callId ?? null,
    extensiveFile: extensive.path,
  });
  call.warnings.unshift(
    ...transcript.warnings,
    ...extensive.warnings.map((w) => `${basename(extensive.path)}: ${w}`),
  );
  return withTitle(call, transcript.path);
}

/** The two Gong API responses as separate files. */
export async function parseGongFiles(
  extensivePath: string,
  transcriptPath: string,
  hints: SideHints = {},
): Promise<Call> {
  return parseTranscriptFiles([transcriptPath, extensivePath], hints);
}

async function readLimited(path: string): Promise<Buffer> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputError("is a directory, not a transcript file", { file: path });
    size = info.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot read file (${describeFsError(err)})`, { file: path });
  }
  if (size > MAX_TRANSCRIPT_BYTES) {
    throw new InputError(
      `file is ${(size / 2 ** 20).toFixed(1)} MB; transcripts over ${MAX_TRANSCRIPT_BYTES / 2 ** 20} MB are refused (a 60-minute call is well under 1 MB)`,
      { file: path },
    );
  }
  const handle = await open(path, "r").catch((err: NodeJS.ErrnoException) => {
    throw new InputError(`cannot read file (${describeFsError(err)})`, { file: path });
  });
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return code ?? "error";
}

function parseJson(text: string, file: string | null, context?: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const pos = /position (\d+)/.exec(message)?.[1];
    // A cut-off file fails at its very end, whatever token was cut ("Unterminated string", …).
    const truncated =
      /Unexpected end/i.test(message) || (pos !== undefined && Number(pos) >= text.trimEnd().length);
    const line =
      pos !== undefined
        ? text.slice(0, Number(pos)).split("\n").length
        : truncated
          ? text.split("\n").length
          : null;
    const detail = message.replace(/^JSON\.parse: /, "").replace(/ in JSON at position \d+.*$/, "");
    const reason = truncated ? "JSON ends early (truncated file?)" : `invalid JSON: ${detail}`;
    throw new InputError(context ? `${reason}; ${context}` : reason, { file, line });
  }
}

function withTitle(call: Call, file: string | null): Call {
  if (!call.id)
    call.id = file
      ? basename(file)
          .replace(/\.[^.]+$/, "")
          .replace(/\.gong$/, "")
      : "call";
  if (!call.title) call.title = call.id;
  return call;
}
