/**
 * The web UI's one stylesheet, served at /static/app.css. Kept in a module (not a file beside it)
 * so `tsc` ships it in dist/ with no copy step. Colours meet WCAG AA contrast on their
 * backgrounds; verdicts are never shown by colour alone (each carries its word and a symbol).
 */
export const APP_CSS = `
:root{
  --fg:#1f2328;--muted:#57606a;--bg:#fff;--card:#f6f8fa;--line:#d0d7de;--link:#0550ae;--focus:#0969da;
  --ok:#116329;--ok-bg:#dafbe1;--bad:#a40e26;--bad-bg:#ffebe9;--unk:#7d4e00;--unk-bg:#fff8c5;
  --int:#0550ae;--ext:#8250df;
}
*{box-sizing:border-box}
html{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
body{margin:0}
a{color:var(--link)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:1rem}
header.site{background:#24292f;color:#fff;padding:.6rem 1.5rem;display:flex;gap:2rem;align-items:center;flex-wrap:wrap}
header.site a{color:#fff;text-decoration:none;font-weight:600}
header.site a:hover,header.site a[aria-current=page]{text-decoration:underline}
header.site nav ul{list-style:none;display:flex;gap:1.2rem;margin:0;padding:0}
.brand{font-size:1.15rem}
main{max-width:1100px;margin:0 auto;padding:1.2rem 1.5rem 3rem}
h1{font-size:1.6rem;margin:.4rem 0}
h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid var(--line);padding-bottom:.3rem}
h3{font-size:1.05rem;margin:.2rem 0}
.muted{color:var(--muted)}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.8rem 1rem;margin:.8rem 0}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:.8rem}
.stat{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.6rem .8rem}
.stat strong{display:block;font-size:1.4rem}
table{border-collapse:collapse;width:100%}
th,td{padding:.4rem .6rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{background:var(--card)}
td.num,th.num{text-align:right}
form.inline{display:flex;gap:.8rem;flex-wrap:wrap;align-items:flex-end;margin:.8rem 0}
label{display:block;font-weight:600;margin-bottom:.2rem}
.field{margin:.8rem 0}
.hint{color:var(--muted);font-size:.9rem;margin:.2rem 0 0}
input[type=text],input[type=search],input[type=date],input[type=password],select{font:inherit;padding:.35rem .5rem;border:1px solid #6e7781;border-radius:6px;min-width:14rem}
input[type=file]{font:inherit}
button,.button{font:inherit;font-weight:600;padding:.4rem 1rem;border-radius:6px;border:1px solid #1f883d;background:#1f883d;color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary{background:#f6f8fa;color:var(--fg);border-color:#6e7781}
.error{border:2px solid var(--bad);background:var(--bad-bg);padding:.6rem 1rem;border-radius:6px}
.notice{border:2px solid var(--ok);background:var(--ok-bg);padding:.6rem 1rem;border-radius:6px}
.warning{border:2px solid var(--unk);background:var(--unk-bg);padding:.6rem 1rem;border-radius:6px}
.warning ul{margin:.3rem 0 0}
.verdict{display:inline-block;font-weight:700;border-radius:4px;padding:0 .45rem;font-size:.9rem}
.verdict-supported{background:var(--ok-bg);color:var(--ok);border:1px solid var(--ok)}
.verdict-contradicted{background:var(--bad-bg);color:var(--bad);border:1px solid var(--bad)}
.verdict-unverifiable{background:var(--unk-bg);color:var(--unk);border:1px solid var(--unk)}
.status-answered{color:var(--ok);font-weight:700}
.status-deferred{color:var(--unk);font-weight:700}
.status-unanswered{color:var(--bad);font-weight:700}
article.claim{border-left:6px solid var(--line)}
article.claim-supported{border-left-color:var(--ok)}
article.claim-contradicted{border-left-color:var(--bad)}
article.claim-unverifiable{border-left-color:var(--unk)}
blockquote{margin:.4rem 0;padding-left:.8rem;border-left:3px solid var(--line)}
.correction{background:#fff;border:1px solid var(--bad);border-radius:6px;padding:.5rem .8rem}
.evidence{margin:.3rem 0 0;padding-left:1.2rem}
.evidence-list>summary{cursor:pointer;font-weight:600;margin-top:.4rem}
.evidence li{margin:.3rem 0}
.snippet{color:var(--muted);font-size:.92rem;display:block}
ol.timeline{list-style:none;padding:0;margin:0}
ol.timeline li{display:grid;grid-template-columns:4.5rem 11rem 1fr;gap:.6rem;padding:.45rem 0;border-bottom:1px solid var(--line)}
ol.timeline p{margin:0}
ol.timeline time{color:var(--muted);font-variant-numeric:tabular-nums}
.speaker-internal{color:var(--int);font-weight:700}
.speaker-external{color:var(--ext);font-weight:700}
.speaker-unknown{color:var(--muted);font-weight:700}
mark.hl{padding:0 .15rem;border-radius:3px;color:inherit}
mark.hl-supported{background:var(--ok-bg);border-bottom:3px solid var(--ok)}
mark.hl-contradicted{background:var(--bad-bg);border-bottom:3px solid var(--bad)}
mark.hl-unverifiable{background:var(--unk-bg);border-bottom:3px dotted var(--unk)}
mark.hl-objection{background:#fbefff;border-bottom:3px dashed var(--ext)}
a.tag{font-size:.8rem;font-weight:700;text-decoration:none;border-radius:3px;padding:0 .3rem;margin-left:.25rem;white-space:nowrap}
a.tag:hover{text-decoration:underline}
.tag-supported{color:var(--ok);border:1px solid var(--ok)}
.tag-contradicted{color:var(--bad);border:1px solid var(--bad)}
.tag-unverifiable{color:var(--unk);border:1px solid var(--unk)}
.tag-objection{color:var(--ext);border:1px solid var(--ext)}
.toc{display:flex;gap:1rem;flex-wrap:wrap;list-style:none;padding:0}
svg text{font:12px system-ui,sans-serif;fill:var(--fg)}
.chart{max-width:100%;height:auto}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.pager{display:flex;gap:1rem;margin:1rem 0}
@media (max-width:700px){ol.timeline li{grid-template-columns:1fr}}
`;
