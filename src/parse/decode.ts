/**
 * Bytes → text for transcript files, refusing what is not text: empty files, binary data and
 * invalid UTF-8 (with the line of the first bad byte). UTF-16 with a BOM is decoded, a UTF-8 BOM
 * is dropped.
 */
import { InputError } from "../errors.js";

export function decodeTranscript(input: Buffer | string, file: string | null): string {
  if (typeof input === "string") return checkText(input.replace(/^\uFEFF/, ""), file);
  if (input.length === 0) throw new InputError("file is empty", { file });
  if (input[0] === 0xff && input[1] === 0xfe)
    return checkText(new TextDecoder("utf-16le").decode(input.subarray(2)), file);
  if (input[0] === 0xfe && input[1] === 0xff)
    return checkText(new TextDecoder("utf-16be").decode(input.subarray(2)), file);
  const sample = input.subarray(0, 8192);
  if (sample.includes(0))
    throw new InputError("file is binary, not a transcript (NUL bytes found)", { file });
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(input);
    return checkText(text.replace(/^\uFEFF/, ""), file);
  } catch (err) {
    if (err instanceof InputError) throw err;
    const offset = firstInvalidUtf8(input);
    const line = input.subarray(0, offset).toString("latin1").split("\n").length;
    throw new InputError(`not valid UTF-8 (byte offset ${offset}); re-save the file as UTF-8`, {
      file,
      line,
    });
  }
}

function checkText(text: string, file: string | null): string {
  if (!text.trim()) throw new InputError("file is empty", { file });
  const sample = text.slice(0, 8192);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) control++;
  }
  if (control > sample.length * 0.05) throw new InputError("file is binary, not a transcript", { file });
  return text;
}

/** Offset of the first byte that breaks UTF-8, for the error message. */
function firstInvalidUtf8(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    const len = b < 0x80 ? 1 : b >> 5 === 0x6 ? 2 : b >> 4 === 0xe ? 3 : b >> 3 === 0x1e ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if (i + k >= buf.length || (buf[i + k]! & 0xc0) !== 0x80) return i;
    i += len;
  }
  return i;
}
