/** The page shell: skip link, site navigation, one <main>, the stylesheet; no scripts. */
import { type Html, html } from "./html.js";

export type Section = "calls" | "insights" | "upload" | "none";

export function page(title: string, current: Section, body: Html): string {
  const link = (href: string, label: string, section: Section) =>
    html`<li><a href="${href}"${current === section ? html` aria-current="page"` : ""}>${label}</a></li>`;
  return `<!doctype html>${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Call Coach</title>
<link rel="stylesheet" href="/static/app.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
  <a class="brand" href="/">Call Coach</a>
  <nav aria-label="Main">
    <ul>${link("/", "Calls", "calls")}${link("/insights", "Insights", "insights")}${link("/upload", "Upload a call", "upload")}</ul>
  </nav>
</header>
<main id="main" tabindex="-1">
${body}
</main>
</body>
</html>`}`;
}
