/**
 * The JSON API under /api: upload and analyze a transcript, read reports in three formats,
 * list and search calls, reps, insights, docs search and one-statement claim validation.
 */
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { codeOf } from "../../errors.js";
import { renderHtml } from "../../report/html.js";
import { renderMarkdown } from "../../report/markdown.js";
import type { CallCoachService, IngestResult } from "../../service/call-service.js";
import { errorResponse, HttpError, notFound } from "./errors.js";
import { type FilePart, type FormValue, isFilePart, parseMultipart } from "./multipart.js";
import { validate } from "./validation.js";

export interface ApiOptions {
  maxUploadBytes: number;
}

/** `POST /api/claims/validate`: one statement of at most 2,000 characters. */
export const MAX_JSON_BYTES = 64 * 1024;
/** List offsets beyond this are refused (400), not handed to SQLite as out-of-range integers. */
export const MAX_OFFSET = 1_000_000_000;

const dateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?$/, "must be a date like 2025-01-31")
  .refine((v) => !Number.isNaN(Date.parse(v)), "must be a valid date");

const namesParam = z
  .union([z.array(z.string().max(200)).max(50), z.string().max(2000)])
  .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((n) => n.trim()).filter(Boolean));

const uploadJsonSchema = z.object({
  transcript: z.string().min(1, "must not be empty"),
  file_name: z.string().min(1).max(255).optional(),
  internal: namesParam.optional(),
  call_id: z.string().min(1).max(200).optional(),
});

const uploadFormSchema = z.object({
  file: z.custom<FilePart>(isFilePart, { message: "must be a file" }),
  internal: namesParam.optional(),
  call_id: z.string().min(1).max(200).optional(),
});

const listQuery = z.object({
  q: z.string().max(200).optional(),
  rep: z.string().max(200).optional(),
  since: dateParam.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(MAX_OFFSET).default(0),
});

const insightsQuery = z.object({ rep: z.string().max(200).optional(), since: dateParam.optional() });

const reportQuery = z.object({ format: z.enum(["json", "markdown", "html"]).optional() });

const docsQuery = z.object({
  q: z.string().trim().min(1, "must not be empty").max(500),
  top_k: z.coerce.number().int().min(1).max(50).default(5),
});

const validateBody = z.object({ statement: z.string().trim().min(3, "must be a sentence").max(2000) });

export function apiRoutes(service: CallCoachService, options: ApiOptions): Hono {
  const api = new Hono();
  const tooLarge = (limit: number) => (c: Context) =>
    errorResponse(
      c,
      new HttpError(413, "payload_too_large", `body: request body is over ${formatBytes(limit)}`, "body"),
    );

  api.post(
    "/calls",
    bodyLimit({ maxSize: options.maxUploadBytes, onError: tooLarge(options.maxUploadBytes) }),
    async (c) => {
      const type = c.req.header("content-type") ?? "";
      let result: IngestResult;
      if (type.startsWith("multipart/form-data")) {
        const form = validate(uploadFormSchema, await parseForm(c.req.arrayBuffer(), type), "body");
        result = await ingest(
          service,
          form.file.bytes,
          form.file.filename || null,
          form.internal,
          form.call_id,
          "file",
          c.req.raw.signal,
        );
      } else if (type.startsWith("application/json")) {
        const body = validate(uploadJsonSchema, await readJson(c.req.raw), "body");
        result = await ingest(
          service,
          body.transcript,
          body.file_name ?? null,
          body.internal,
          body.call_id,
          "transcript",
          c.req.raw.signal,
        );
      } else {
        throw new HttpError(
          415,
          "unsupported_media_type",
          "Content-Type: send multipart/form-data (field file) or application/json (field transcript)",
          "Content-Type",
        );
      }
      return c.json(uploadResponse(result), result.cached ? 200 : 201);
    },
  );

  api.get("/calls", (c) => {
    const q = validate(listQuery, c.req.query(), "query");
    const { total, calls } = service.listCalls(q);
    return c.json({ total, limit: q.limit, offset: q.offset, calls });
  });

  api.get("/calls/:id", (c) => {
    const id = c.req.param("id");
    const call = service.getCall(id);
    if (!call) throw notFound("call", id);
    return c.json({ call, links: links(id) });
  });

  api.get("/calls/:id/report", (c) => {
    const id = c.req.param("id");
    const { format } = validate(reportQuery, c.req.query(), "query");
    const chosen = format ?? negotiate(c.req.header("accept"));
    if (chosen === "json") {
      const json = service.getReportJson(id);
      if (json === undefined) throw notFound("call", id);
      return c.body(json, 200, { "Content-Type": "application/json; charset=utf-8" });
    }
    const stored = service.getReport(id);
    if (!stored) throw notFound("call", id);
    if (chosen === "markdown") {
      return c.body(renderMarkdown(stored.report), 200, { "Content-Type": "text/markdown; charset=utf-8" });
    }
    return c.html(renderHtml(stored.report));
  });

  api.get("/calls/:id/transcript", (c) => {
    const id = c.req.param("id");
    const call = service.getCallModel(id);
    if (!call) throw notFound("call", id);
    return c.json(call);
  });

  api.post("/calls/:id/analyze", async (c) => {
    const id = c.req.param("id");
    if (!service.getCall(id)) throw notFound("call", id);
    return c.json(uploadResponse(await service.reanalyze(id, { signal: c.req.raw.signal })));
  });

  api.get("/reps", (c) => c.json({ reps: service.store.listReps() }));

  api.get("/insights", (c) => {
    const q = validate(insightsQuery, c.req.query(), "query");
    return c.json(service.insights({ rep: q.rep ?? null, since: q.since ?? null }));
  });

  api.get("/docs/search", async (c) => {
    const q = validate(docsQuery, c.req.query(), "query");
    return c.json({ query: q.q, results: await service.searchDocs(q.q, q.top_k) });
  });

  api.post(
    "/claims/validate",
    bodyLimit({ maxSize: MAX_JSON_BYTES, onError: tooLarge(MAX_JSON_BYTES) }),
    async (c) => {
      requireJson(c.req.header("content-type"));
      const body = validate(validateBody, await readJson(c.req.raw), "body");
      return c.json(await service.validateClaim(body.statement));
    },
  );

  return api;
}

async function ingest(
  service: CallCoachService,
  transcript: Buffer | string,
  fileName: string | null,
  internal: string[] | undefined,
  callId: string | undefined,
  field: string,
  signal: AbortSignal,
): Promise<IngestResult> {
  try {
    return await service.ingest(
      { transcript, fileName, internal: internal ?? [], callKey: callId ?? null },
      { signal },
    );
  } catch (err) {
    // A transcript the parser rejects is a problem with that field of the request.
    if (codeOf(err) === "bad_input") {
      throw new HttpError(
        400,
        "bad_input",
        `${field}: ${(err as Error).message.replace(/\s*\n\s*/g, " ")}`,
        field,
      );
    }
    throw err;
  }
}

function uploadResponse(r: IngestResult) {
  const claims = r.report.claims;
  return {
    call_id: r.callId,
    cached: r.cached,
    analysis: {
      id: r.analysis.id,
      created_at: r.analysis.created_at,
      knowledge_mode: r.analysis.knowledge_mode,
      knowledge_version: r.analysis.knowledge_version,
      analyzer_version: r.analysis.analyzer_version,
    },
    summary: {
      title: r.report.call.title,
      claims: claims.length,
      supported: claims.filter((c) => c.verdict === "supported").length,
      contradicted: claims.filter((c) => c.verdict === "contradicted").length,
      unverifiable: claims.filter((c) => c.verdict === "unverifiable").length,
      objections: r.report.objections.length,
      competitors: r.report.competitors.map((c) => c.name),
    },
    warnings: r.warnings,
    links: links(r.callId),
    report: r.report,
  };
}

function links(id: string) {
  return {
    self: `/api/calls/${id}`,
    report: `/api/calls/${id}/report`,
    markdown: `/api/calls/${id}/report?format=markdown`,
    html: `/api/calls/${id}/report?format=html`,
    page: `/calls/${id}`,
  };
}

function negotiate(accept: string | undefined): "json" | "markdown" | "html" {
  const a = (accept ?? "").toLowerCase();
  if (a.includes("text/markdown")) return "markdown";
  if (a.includes("text/html") && !a.includes("application/json")) return "html";
  return "json";
}

function requireJson(type: string | undefined): void {
  if (!(type ?? "").startsWith("application/json"))
    throw new HttpError(415, "unsupported_media_type", "Content-Type: send application/json", "Content-Type");
}

/** A body that says multipart but cannot be read as such is the client's mistake: 400, not 500. */
async function parseForm(
  body: Promise<ArrayBuffer>,
  contentType: string,
): Promise<Record<string, FormValue>> {
  const bytes = Buffer.from(await body);
  try {
    return parseMultipart(bytes, contentType);
  } catch (err) {
    throw new HttpError(
      400,
      "bad_request",
      `body: malformed multipart/form-data (${(err as Error).message.split("\n")[0]})`,
      "body",
    );
  }
}

async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new HttpError(400, "bad_request", `body: invalid JSON (${(err as Error).message})`, "body");
  }
}

function formatBytes(n: number): string {
  return n >= 2 ** 20 ? `${(n / 2 ** 20).toFixed(0)} MB` : `${Math.round(n / 1024)} KB`;
}
