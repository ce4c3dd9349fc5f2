/** Server-rendered pages of the web UI: HTML forms and links only, no client-side scripts. */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { codeOf } from "../../errors.js";
import type { CallCoachService } from "../../service/call-service.js";
import { parseSince } from "../../service/insights.js";
import type { GongStatus } from "../../sources/gong/scheduler.js";
import { objectionOutcomes } from "../../storage/call-store.js";
import { MAX_OFFSET } from "../http/api-routes.js";
import { HttpError } from "../http/errors.js";
import { callPage } from "./call-page.js";
import { gongPage, gongStatusLine } from "./gong-page.js";
import { callListPage, errorPage, insightsPage, uploadPage } from "./pages.js";

const PAGE_SIZE = 50;

export function webRoutes(
  service: CallCoachService,
  options: { maxUploadBytes: number; gongStatus?: () => GongStatus },
): Hono {
  const web = new Hono();

  web.get("/", (c) => {
    const q = (c.req.query("q") ?? "").slice(0, 200);
    const rep = (c.req.query("rep") ?? "").slice(0, 200);
    const sinceRaw = c.req.query("since") ?? "";
    const since = sinceRaw ? safeSince(sinceRaw) : null;
    const offset = pageOffset(c.req.query("offset"));
    const { total, calls } = service.listCalls({ q, rep, since, limit: PAGE_SIZE, offset });
    return c.html(
      callListPage({
        calls,
        total,
        q,
        rep,
        since: since ?? "",
        offset,
        limit: PAGE_SIZE,
        reps: service.store.listReps(),
        gong: options.gongStatus ? gongStatusLine(options.gongStatus()) : null,
      }),
    );
  });

  if (options.gongStatus) {
    const gongStatus = options.gongStatus;
    web.get("/gong", (c) => c.html(gongPage(gongStatus())));
  }

  web.get("/calls/:id", (c) => {
    const id = c.req.param("id");
    const detail = service.getCall(id);
    const stored = detail ? service.getReport(id) : undefined;
    const call = service.getCallModel(id);
    if (!detail || !stored || !call) return c.html(errorPage(404, `No stored call with id "${id}".`), 404);
    const notice =
      c.req.query("uploaded") === "new"
        ? "The call was analyzed and stored."
        : c.req.query("uploaded") === "cached"
          ? "This call was already analyzed with the current docs; showing the stored report."
          : null;
    return c.html(
      callPage({
        detail,
        call,
        report: stored.report,
        analysis: stored.analysis,
        outcomes: objectionOutcomes(service.store, stored.analysis.id),
        notice,
      }),
    );
  });

  web.post("/calls/:id/analyze", async (c) => {
    const id = c.req.param("id");
    if (!service.getCall(id)) return c.html(errorPage(404, `No stored call with id "${id}".`), 404);
    const result = await service.reanalyze(id, { signal: c.req.raw.signal });
    return c.redirect(`/calls/${result.callId}?uploaded=${result.cached ? "cached" : "new"}`, 303);
  });

  web.get("/insights", (c) => {
    const rep = (c.req.query("rep") ?? "").slice(0, 200);
    const sinceRaw = c.req.query("since") ?? "";
    const since = sinceRaw ? safeSince(sinceRaw) : null;
    const reps = service.store.listReps();
    try {
      return c.html(insightsPage(service.insights({ rep: rep || null, since }), reps, rep, since ?? ""));
    } catch (err) {
      if (codeOf(err) === "bad_input") return c.html(errorPage(404, (err as Error).message), 404);
      throw err;
    }
  });

  web.get("/upload", (c) => c.html(uploadPage()));

  web.post(
    "/upload",
    bodyLimit({
      maxSize: options.maxUploadBytes,
      onError: (c) =>
        c.html(
          uploadPage({
            field: "file",
            message: `The file is over ${Math.round(options.maxUploadBytes / 2 ** 20)} MB.`,
          }),
          413,
        ),
    }),
    async (c) => {
      const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      const internal = typeof form.internal === "string" ? form.internal.slice(0, 2000) : "";
      const file = form.file;
      if (!(file instanceof File) || file.size === 0) {
        return c.html(
          uploadPage({ field: "file", message: "Choose a transcript file to upload." }, internal),
          400,
        );
      }
      try {
        const result = await service.ingest(
          {
            transcript: Buffer.from(await file.arrayBuffer()),
            fileName: file.name || null,
            internal: internal.split(","),
          },
          { signal: c.req.raw.signal },
        );
        return c.redirect(`/calls/${result.callId}?uploaded=${result.cached ? "cached" : "new"}`, 303);
      } catch (err) {
        if (codeOf(err) === "bad_input") {
          return c.html(uploadPage({ field: "file", message: (err as Error).message }, internal), 400);
        }
        throw err;
      }
    },
  );

  return web;
}

/** The list page's offset: a whole number from 0; anything else is a bad link (400), not a 500. */
function pageOffset(value: string | undefined): number {
  if (value === undefined || value === "") return 0;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n > MAX_OFFSET)
    throw new HttpError(
      400,
      "bad_request",
      `offset: must be a whole number from 0 to ${MAX_OFFSET}`,
      "offset",
    );
  return n;
}

function safeSince(value: string): string | null {
  try {
    return parseSince(value);
  } catch {
    return null;
  }
}
