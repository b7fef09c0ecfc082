import { markup, raw, type SafeHtml } from "./html.js";
import { t, type Lang } from "./i18n.js";

/**
 * The page shell: semantic landmarks, the lang attribute, inline CSS sized for phones, a
 * large-text switch and a language switch that keep the link token and nothing else.
 */

export interface Frame {
  lang: Lang;
  large: boolean;
  /** the page's own path, /s/<token> */
  path: string;
  cityName: string;
}

const CSS = `
:root{--fg:#1a1a1a;--muted:#555;--line:#d8d8d8;--accent:#0b5cad;--ok:#1e7b34;--warn:#a14d00;--bg:#fff;--card:#f6f7f9}
*{box-sizing:border-box}
html{font-size:100%}html.large{font-size:130%}
body{margin:0;font:1rem/1.6 -apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",system-ui,sans-serif;color:var(--fg);background:var(--bg)}
header,main,footer{max-width:40rem;margin:0 auto;padding:.75rem 1rem}
header{border-bottom:3px solid var(--accent);display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;justify-content:space-between}
header .city{font-weight:700;color:var(--accent)}
nav a{margin-left:.75rem}
h1{font-size:1.5rem;line-height:1.3;margin:.75rem 0}
h2{font-size:1.2rem;margin:1.25rem 0 .5rem}
a{color:var(--accent)}
a:focus,button:focus,select:focus{outline:3px solid #ffbf47;outline-offset:2px}
section{background:var(--card);border-radius:.5rem;padding:.75rem 1rem;margin:.75rem 0}
ul,ol{padding-left:1.25rem;margin:.25rem 0}
li{margin:.35rem 0}
.muted{color:var(--muted);font-size:.9rem}
.status{display:inline-block;padding:.1rem .6rem;border-radius:1rem;background:var(--ok);color:#fff;font-weight:700}
.status.warn{background:var(--warn)}
.queue{font-size:1.25rem;font-weight:700}
.steps li[data-state=done]{color:var(--ok)}
.steps li[data-state=available]{font-weight:700}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem .75rem;margin:0}dt{color:var(--muted)}dd{margin:0}
svg{width:100%;height:auto;max-height:14rem;background:#eef3f8;border-radius:.5rem}
button,select{font:inherit;padding:.5rem .9rem;border-radius:.4rem;border:1px solid var(--line)}
button{background:var(--accent);color:#fff;border-color:var(--accent);min-height:2.75rem}
fieldset{border:1px solid var(--line);border-radius:.5rem;margin:.5rem 0}
label{display:block;margin:.35rem 0}
footer{color:var(--muted);font-size:.9rem;border-top:1px solid var(--line);margin-top:1.5rem}
`;

const query = (lang: Lang, large: boolean) => `?lang=${lang}${large ? "&size=large" : ""}`;

export const layout = (f: Frame, title: string, body: SafeHtml): string => {
  const other: Lang = f.lang === "zh" ? "en" : "zh";
  return `<!doctype html>${
    markup`<html lang="${f.lang === "zh" ? "zh-CN" : "en"}"${f.large ? raw(' class="large"') : ""}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex,nofollow">
<title>${title} · ${f.cityName}</title>
<style>${raw(CSS)}</style>
</head>
<body>
<header>
<span class="city">${f.cityName}</span>
<nav aria-label="${f.lang === "zh" ? "页面设置" : "Page settings"}">
<a href="${f.path}${query(other, f.large)}" lang="${other === "zh" ? "zh-CN" : "en"}">${t(f.lang, "otherLang")}</a>
<a href="${f.path}${query(f.lang, !f.large)}">${t(f.lang, f.large ? "normalText" : "largeText")}</a>
</nav>
</header>
<main id="main">
<h1>${title}</h1>
${body}
</main>
<footer><p>${t(f.lang, "hotline")}</p></footer>
</body>
</html>`.value
  }`;
};

export const linkQuery = query;
