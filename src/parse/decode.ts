/**
 * Bytes → text for transcript files. Refuses what is not text (empty files, binary data) and
 * decodes the encodings transcripts really arrive in:
 * - UTF-8, with or without a BOM (the BOM is dropped);
 * - UTF-16 LE/BE with a BOM, and without one when the byte pattern is unmistakable (every other
 *   byte zero, as Windows tools write ASCII-range text);
 * - UTF-32 LE/BE with a BOM (some Windows and Java tools write it; TextDecoder has no UTF-32);
 * - anything else that is not valid UTF-8 is read as Windows-1252 (a superset of Latin-1, what
 *   Excel and older Windows tools save), with a warning: every byte sequence decodes, so the call
 *   is still analyzed, and the warning names the first byte that was not UTF-8.
 */
import { InputError } from "../errors.js";

export interface DecodedText {
  text: string;
  /** Set when the bytes were not UTF-8: one line saying what was assumed. */
  warnings: string[];
}

const SAMPLE_BYTES = 8192;

export function decodeTranscript(input: Buffer | string, file: string | null): DecodedText {
  if (typeof input === "string") return { text: checkText(input.replace(/^\uFEFF/, ""), file), warnings: [] };
  if (input.length === 0) throw new InputError("file is empty", { file });
  // UTF-32 LE's BOM starts with UTF-16 LE's, so it is checked first.
  if (input[0] === 0xff && input[1] === 0xfe && input[2] === 0 && input[3] === 0)
    return utf32(input, true, file);
  if (input[0] === 0 && input[1] === 0 && input[2] === 0xfe && input[3] === 0xff)
    return utf32(input, false, file);
  if (input[0] === 0xff && input[1] === 0xfe) return utf16(input.subarray(2), "utf-16le", file, []);
  if (input[0] === 0xfe && input[1] === 0xff) return utf16(input.subarray(2), "utf-16be", file, []);
  const sample = input.subarray(0, SAMPLE_BYTES);
  const bomless = utf16WithoutBomGuess(sample);
  if (bomless) {
    return utf16(input, bomless, file, [
      `no byte-order mark, but the bytes are ${bomless.toUpperCase()}; decoded as ${bomless.toUpperCase()}`,
    ]);
  }
  if (sample.includes(0))
    throw new InputError("file is binary, not a transcript (NUL bytes found)", { file });
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(input);
    return { text: checkText(text.replace(/^\uFEFF/, ""), file), warnings: [] };
  } catch (err) {
    if (err instanceof InputError) throw err;
    const scan = scanUtf8(input);
    const line = lineAt(input, scan.firstInvalid);
    const bad = `0x${input[scan.firstInvalid]!.toString(16).padStart(2, "0")} on line ${line}`;
    // Mostly well-formed UTF-8 with a few broken bytes (a cut-off character, a bad copy-paste):
    // decoding it as Windows-1252 would garble every accented name, so keep UTF-8 and mark the gaps.
    if (scan.multibyte > scan.invalid * 4) {
      const text = checkText(new TextDecoder("utf-8").decode(input).replace(/^\uFEFF/, ""), file);
      return {
        text,
        warnings: [`${scan.invalid} byte(s) are not valid UTF-8 (first: ${bad}); they were replaced with �`],
      };
    }
    const text = checkText(new TextDecoder("windows-1252").decode(input), file);
    return {
      text,
      warnings: [
        `not UTF-8 (first non-UTF-8 byte ${bad}); decoded as Windows-1252/Latin-1 — re-save the file as UTF-8 if names look wrong`,
      ],
    };
  }
}

function utf16(bytes: Buffer, encoding: "utf-16le" | "utf-16be", file: string | null, warnings: string[]) {
  if (bytes.length % 2 === 1)
    warnings.push(`${encoding.toUpperCase()} text has an odd number of bytes; the last byte was dropped`);
  const text = new TextDecoder(encoding).decode(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  return { text: checkText(text.replace(/^\uFEFF/, ""), file), warnings };
}

function utf32(bytes: Buffer, littleEndian: boolean, file: string | null): DecodedText {
  const warnings: string[] = [];
  const whole = bytes.length - (bytes.length % 4);
  if (whole !== bytes.length)
    warnings.push(
      `UTF-32 text has ${bytes.length % 4} byte(s) beyond the last whole character; they were dropped`,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, whole);
  let invalid = 0;
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = 4; i < whole; i += 4) {
    let cp = view.getUint32(i, littleEndian);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      cp = 0xfffd;
      invalid++;
    }
    chunk.push(cp);
    // String.fromCodePoint takes arguments: build the text in bounded slices.
    if (chunk.length === 8192) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCodePoint(...chunk));
  if (invalid) warnings.push(`${invalid} UTF-32 value(s) are not characters; they were replaced with �`);
  return { text: checkText(parts.join(""), file), warnings };
}

/**
 * UTF-16 without a BOM: in ASCII-range text one byte of every pair is zero. Requires most pairs
 * to follow the pattern and the other byte to be almost never zero, so binary files with scattered
 * NULs are not mistaken for text.
 */
function utf16WithoutBomGuess(sample: Buffer): "utf-16le" | "utf-16be" | null {
  const pairs = Math.floor(sample.length / 2);
  if (pairs < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (sample[i] === 0) evenZero++;
    if (sample[i + 1] === 0) oddZero++;
  }
  if (oddZero / pairs >= 0.7 && evenZero / pairs <= 0.02) return "utf-16le";
  if (evenZero / pairs >= 0.7 && oddZero / pairs <= 0.02) return "utf-16be";
  return null;
}

function checkText(text: string, file: string | null): string {
  if (!text.trim()) throw new InputError("file is empty (only whitespace)", { file });
  const sample = text.slice(0, SAMPLE_BYTES);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    // Tab, LF, vertical tab, form feed and CR are whitespace in text (WebVTT allows form feed
    // around timings); other C0 controls, DEL and U+FFFD suggest binary data.
    if ((c < 32 && (c < 9 || c > 13)) || c === 0xfffd || c === 0x7f) control++;
  }
  if (control > sample.length * 0.05)
    throw new InputError("file is binary, not a transcript (control characters found)", { file });
  return text;
}

function lineAt(buf: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (buf[i] === 0x0a) line++;
  return line;
}

/** Counts well-formed multi-byte sequences and invalid bytes; where the first invalid byte is. */
function scanUtf8(buf: Buffer): { multibyte: number; invalid: number; firstInvalid: number } {
  let multibyte = 0;
  let invalid = 0;
  let firstInvalid = -1;
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    const len = b < 0x80 ? 1 : b >> 5 === 0x6 ? 2 : b >> 4 === 0xe ? 3 : b >> 3 === 0x1e ? 4 : 0;
    let ok = len > 0;
    for (let k = 1; ok && k < len; k++) if (i + k >= buf.length || (buf[i + k]! & 0xc0) !== 0x80) ok = false;
    if (!ok) {
      invalid++;
      if (firstInvalid < 0) firstInvalid = i;
      i++;
      continue;
    }
    if (len > 1) multibyte++;
    i += len;
  }
  return { multibyte, invalid, firstInvalid: Math.max(0, firstInvalid) };
}
