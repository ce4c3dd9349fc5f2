/**
 * Transcript ingestion: any supported file → the call model. The format is detected from the
 * content (the extension only breaks ties), so a misnamed file still parses.
 */
import { open, stat } from "node:fs/promises";
import { basename } from "node:path";
import { InputError } from "../errors.js";
import type { Call, TranscriptFormat } from "../model/call.js";
import type { SideHints } from "./assemble.js";
import { isCallJson, parseCallJson } from "./call-json.js";
import { decodeTranscript } from "./decode.js";
import { isGongDocument, parseGongDocuments } from "./gong.js";
import { parseSrt } from "./srt.js";
import { looksLikeTextTranscript, parseText } from "./text.js";
import { parseVtt } from "./vtt.js";

export interface ParseOptions extends SideHints {
  fileName: string | null;
  /** Skip detection. */
  format?: TranscriptFormat;
}

/** Larger files are refused before reading: a 60-minute transcript is well under 1 MB. */
export const MAX_TRANSCRIPT_BYTES = 50 * 1024 * 1024;

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
  const text = decodeTranscript(input, file);
  const format = options.format ?? detectFormat(text, file);
  const hints: SideHints = { internal: options.internal ?? [], companyDomain: options.companyDomain ?? null };
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
      if (isGongDocument(doc)) return withTitle(parseGongDocuments(doc, null, file, hints), file);
      if (isCallJson(doc)) return withTitle(parseCallJson(doc, file, hints), file);
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
  return withTitle(parseTranscript(buffer, { ...options, fileName: path }), path);
}

/** The two Gong API responses as separate files. */
export async function parseGongFiles(
  extensivePath: string,
  transcriptPath: string,
  hints: SideHints = {},
): Promise<Call> {
  const extensive = parseJson(
    decodeTranscript(await readLimited(extensivePath), extensivePath),
    extensivePath,
  );
  const transcript = parseJson(
    decodeTranscript(await readLimited(transcriptPath), transcriptPath),
    transcriptPath,
  );
  return withTitle(parseGongDocuments(transcript, extensive, transcriptPath, hints), transcriptPath);
}

async function readLimited(path: string): Promise<Buffer> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputError("is a directory, not a transcript file", { file: path });
    size = info.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot read file (${(err as NodeJS.ErrnoException).code ?? "error"})`, {
      file: path,
    });
  }
  if (size > MAX_TRANSCRIPT_BYTES) {
    throw new InputError(
      `file is ${(size / 2 ** 20).toFixed(1)} MB; transcripts over ${MAX_TRANSCRIPT_BYTES / 2 ** 20} MB are refused`,
      { file: path },
    );
  }
  const handle = await open(path, "r").catch((err: NodeJS.ErrnoException) => {
    throw new InputError(`cannot read file (${err.code ?? "error"})`, { file: path });
  });
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

function parseJson(text: string, file: string | null): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const pos = /position (\d+)/.exec(message)?.[1];
    const line = pos === undefined ? null : text.slice(0, Number(pos)).split("\n").length;
    const reason = /Unexpected end/i.test(message)
      ? "JSON ends early (truncated file?)"
      : `invalid JSON: ${message}`;
    throw new InputError(reason, {
      file,
      line: line ?? (/Unexpected end/i.test(message) ? text.split("\n").length : null),
    });
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
