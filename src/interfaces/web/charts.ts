/**
 * Small inline SVG charts. Each is an image with a title and a description for screen readers,
 * and the numbers it shows are also in a table beside it (the chart is never the only source).
 */
import type { Call } from "../../model/call.js";
import { formatClock } from "../../text/format-time.js";
import { type Html, html } from "./html.js";

let chartSeq = 0;

/** Horizontal bars: one per item, value 0…max. */
export function barChart(
  title: string,
  items: { label: string; value: number; display: string }[],
  max: number,
): Html {
  const id = `chart-${++chartSeq}`;
  const rowH = 26;
  const labelW = 170;
  const barW = 360;
  const height = items.length * rowH + 8;
  const rows = items.map((it, i) => {
    const w = max > 0 ? Math.max(2, Math.round((Math.min(it.value, max) / max) * barW)) : 2;
    const y = i * rowH + 4;
    return html`<text x="${labelW - 8}" y="${y + 15}" text-anchor="end">${it.label}</text>
<rect x="${labelW}" y="${y + 3}" width="${w}" height="16" rx="2" fill="#0550ae"></rect>
<text x="${labelW + w + 6}" y="${y + 15}">${it.display}</text>`;
  });
  return html`<svg class="chart" role="img" aria-labelledby="${id}-t ${id}-d" width="${labelW + barW + 80}" height="${height}" viewBox="0 0 ${labelW + barW + 80} ${height}">
<title id="${id}-t">${title}</title>
<desc id="${id}-d">${items.map((it) => `${it.label}: ${it.display}`).join("; ")}</desc>
${rows}
</svg>`;
}

/** Who spoke when: the team above the line, the customer below, across the call's duration. */
export function talkTimeline(call: Call): Html {
  const id = `chart-${++chartSeq}`;
  const width = 720;
  const height = 74;
  const duration = Math.max(1, call.duration_s, ...call.utterances.map((u) => u.end_s));
  const side = new Map(call.participants.map((p) => [p.id, p.side] as const));
  const x = (s: number) => Math.round((s / duration) * (width - 20)) + 10;
  let internal = 0;
  let external = 0;
  const bars = call.utterances.map((u) => {
    const s = side.get(u.speakerId) ?? "unknown";
    const d = Math.max(0, u.end_s - u.start_s);
    if (s === "internal") internal += d;
    else if (s === "external") external += d;
    const w = Math.max(1, x(u.end_s) - x(u.start_s));
    const y = s === "internal" ? 10 : s === "external" ? 38 : 24;
    const fill = s === "internal" ? "#0550ae" : s === "external" ? "#8250df" : "#6e7781";
    return html`<rect x="${x(u.start_s)}" y="${y}" width="${w}" height="22" fill="${fill}"></rect>`;
  });
  return html`<svg class="chart" role="img" aria-labelledby="${id}-t ${id}-d" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<title id="${id}-t">Talk timeline</title>
<desc id="${id}-d">Team speaking (top row, blue) ${formatClock(internal)}; customer speaking (bottom row, purple) ${formatClock(external)}; over ${formatClock(duration)}.</desc>
<line x1="10" y1="35" x2="${width - 10}" y2="35" stroke="#d0d7de"></line>
${bars}
<text x="10" y="72">0:00</text><text x="${width - 10}" y="72" text-anchor="end">${formatClock(duration)}</text>
</svg>`;
}

/** A line of weekly values (0…max), with a dot per week. */
export function trendChart(
  title: string,
  points: { label: string; value: number; display: string }[],
  max: number,
): Html {
  const id = `chart-${++chartSeq}`;
  const width = 560;
  const height = 150;
  const pad = 30;
  const n = points.length;
  const px = (i: number) => (n <= 1 ? width / 2 : pad + (i / (n - 1)) * (width - 2 * pad));
  const py = (v: number) => height - pad - (max > 0 ? (Math.min(v, max) / max) * (height - 2 * pad) : 0);
  const path = points
    .map((p, i) => `${i ? "L" : "M"}${px(i).toFixed(1)},${py(p.value).toFixed(1)}`)
    .join(" ");
  return html`<svg class="chart" role="img" aria-labelledby="${id}-t ${id}-d" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<title id="${id}-t">${title}</title>
<desc id="${id}-d">${points.map((p) => `${p.label}: ${p.display}`).join("; ")}</desc>
<line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" stroke="#d0d7de"></line>
<path d="${path}" fill="none" stroke="#0550ae" stroke-width="2"></path>
${points.map(
  (
    p,
    i,
  ) => html`<circle cx="${px(i).toFixed(1)}" cy="${py(p.value).toFixed(1)}" r="4" fill="#0550ae"></circle>
<text x="${px(i).toFixed(1)}" y="${(py(p.value) - 8).toFixed(1)}" text-anchor="middle">${p.display}</text>
<text x="${px(i).toFixed(1)}" y="${height - 10}" text-anchor="middle">${p.label}</text>`,
)}
</svg>`;
}
