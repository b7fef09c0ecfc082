import type { TailoredChecklist } from "../../domain/applications/conditions.js";
import type { Material } from "../../domain/kb/schema.js";
import { compactHours } from "../../domain/queues/hall-hours.js";
import type { HallCard } from "../../app/links/page-model.js";
import { markup, type SafeHtml } from "./html.js";
import { t, type Lang } from "./i18n.js";
import { hallMap, osmLink } from "./map.js";

/** The building blocks of the citizen pages: a material checklist and a hall with its live queue. */

const material = (m: Material, lang: Lang, withCondition: boolean) => markup`<li>
${m.name[lang]}${m.original ? markup` <span class="muted">(${t(lang, "original")}${m.copies ? markup`，${t(lang, "copies", m.copies)}` : ""})</span>` : m.copies ? markup` <span class="muted">(${t(lang, "copies", m.copies)})</span>` : ""}
${withCondition && m.whenText ? markup`<br><span class="muted">${m.whenText[lang]}</span>` : ""}
${m.note ? markup`<br><span class="muted">${m.note[lang]}</span>` : ""}
</li>`;

export const checklistSection = (
  c: TailoredChecklist,
  lang: Lang,
  tailored: boolean,
  heading = t(lang, "checklist"),
): SafeHtml => markup`<section aria-labelledby="checklist">
<h2 id="checklist">${heading}</h2>
${tailored ? markup`<p class="muted">${t(lang, "tailored")}</p>` : ""}
<h3>${t(lang, "needed")}</h3>
<ol>${c.needed.map((m) => material(m, lang, false))}</ol>
${c.conditional.length ? markup`<h3>${t(lang, "ifApplies")}</h3><ul>${c.conditional.map((m) => material(m, lang, true))}</ul>` : ""}
</section>`;

export const queueLine = (card: HallCard, lang: Lang): SafeHtml => {
  const q = card.queue;
  if (!q) return markup``;
  const item = card.item ? q.items.find((i) => i.itemCode === card.item) : undefined;
  const waiting = item ? item.waiting : q.waiting;
  const minutes = item ? item.estimatedWaitMinutes : q.estimatedWaitMinutes;
  const time = new Intl.DateTimeFormat(lang === "zh" ? "zh-CN" : "en-GB", {
    timeZone: card.tz,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(q.asOf));
  return markup`<div role="status" aria-live="polite">
<p><strong>${t(lang, "queueNow")}</strong>${lang === "zh" ? "：" : ": "}<span class="queue" data-waiting="${waiting}">${t(lang, "waiting", waiting)}</span>${minutes ? markup`，${t(lang, "waitMinutes", minutes)}` : ""}</p>
<p class="muted">${item ? markup`${item.name[lang]} · ` : ""}${t(lang, q.open ? "openNow" : "closedNow")} · ${t(lang, "asOf")} ${time}${item ? markup` · ${lang === "zh" ? "全厅" : "whole hall"} ${t(lang, "waiting", q.waiting)}` : ""}</p>
</div>`;
};

export const hallSection = (card: HallCard, lang: Lang, heading = t(lang, "where")): SafeHtml => {
  const h = card.hall;
  return markup`<section aria-labelledby="hall-${h.code}">
<h2 id="hall-${h.code}">${heading}：${h.name[lang]}</h2>
${queueLine(card, lang)}
<dl>
<dt>${t(lang, "address")}</dt><dd><address>${h.address[lang]}</address></dd>
<dt>${t(lang, "hours")}</dt><dd>${compactHours(h, lang)}<br><span class="muted">${h.hoursText[lang]}</span></dd>
<dt>${t(lang, "phone")}</dt><dd><a href="tel:${h.phone.replace(/[^\d+]/g, "")}">${h.phone}</a></dd>
${h.transit ? markup`<dt>${t(lang, "transit")}</dt><dd>${h.transit[lang]}</dd>` : ""}
</dl>
<figure>${hallMap({ code: h.code, lat: h.coordinates.lat, lng: h.coordinates.lng, name: h.name[lang] }, card.allHalls, lang)}
<figcaption><a href="${osmLink(h.coordinates)}" rel="noreferrer noopener">${t(lang, "map")}</a></figcaption></figure>
</section>`;
};
