/**
 * multipart/form-data for uploads, read straight from the body's bytes. A file part is a view of
 * the body (no copy), where the platform's FormData parser holds several copies of a 10 MB upload
 * until the next garbage collection (measured: 114 MB of buffers in the main thread, issue 12).
 * Enough of RFC 7578 for browsers, curl and fetch: quoted `name` and `filename` parameters,
 * CRLF line breaks, the last part of a repeated name wins (as in Hono's parseBody).
 */

export interface FilePart {
  filename: string;
  bytes: Buffer;
}

export type FormValue = string | FilePart;

export function isFilePart(v: unknown): v is FilePart {
  return typeof v === "object" && v !== null && Buffer.isBuffer((v as FilePart).bytes);
}

/** Fields by name. Throws a one-line Error for anything that is not a well-formed body. */
export function parseMultipart(body: Buffer, contentType: string): Record<string, FormValue> {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const token = boundary?.[1] ?? boundary?.[2];
  if (!token) throw new Error("no boundary in Content-Type");
  const dash = Buffer.from(`--${token}`);
  const delimiter = Buffer.from(`\r\n--${token}`);
  const first = body.indexOf(dash);
  if (first < 0) throw new Error("no opening boundary");
  const out: Record<string, FormValue> = {};
  let at = first + dash.length;
  for (;;) {
    if (body.subarray(at, at + 2).toString("latin1") === "--") return out;
    if (body.subarray(at, at + 2).toString("latin1") !== "\r\n") throw new Error("malformed boundary line");
    const headersEnd = body.indexOf("\r\n\r\n", at + 2);
    if (headersEnd < 0) throw new Error("part headers do not end");
    const headers = body.subarray(at + 2, headersEnd).toString("utf8");
    const next = body.indexOf(delimiter, headersEnd + 4);
    if (next < 0) throw new Error("no closing boundary");
    const data = body.subarray(headersEnd + 4, next);
    const disposition = /^content-disposition:\s*form-data(.*)$/im.exec(headers)?.[1];
    if (disposition === undefined) throw new Error("a part has no Content-Disposition: form-data");
    const name = param(disposition, "name");
    if (name === null) throw new Error("a part has no name");
    const filename = param(disposition, "filename");
    out[name] = filename === null ? data.toString("utf8") : { filename, bytes: data };
    at = next + delimiter.length;
  }
}

function param(disposition: string, key: string): string | null {
  const m = new RegExp(`;\\s*${key}="((?:[^"\\\\]|\\\\.)*)"`, "i").exec(disposition);
  if (m) return m[1]!.replace(/\\(.)/g, "$1");
  const bare = new RegExp(`;\\s*${key}=([^;\\s]+)`, "i").exec(disposition);
  return bare ? bare[1]! : null;
}
