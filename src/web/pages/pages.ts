import type { PageModel, PageResult } from "../../app/links/page-model.js";
import { STATUS_LABEL } from "../../domain/applications/states.js";
import { checklistSection, hallSection } from "./components.js";
import { markup, type SafeHtml } from "./html.js";
import { t, type Lang, type Word } from "./i18n.js";
import { layout, linkQuery, type Frame } from "./layout.js";
import { appointmentBody } from "./appointment.js";

/** Renders a citizen page (or its not-found / expired page) to a complete HTML document. */

export interface RenderOptions {
  token: string;
  large: boolean;
  cityName: { zh: string; en: string };
  /** a message after a form action, e.g. "cancelled" */
  notice?: string;
}

const STATE_WORD: Record<string, Word> = {
  done: "done",
  "in-progress": "inProgress",
  available: "available",
  blocked: "blocked",
  "not-applicable": "notApplicable",
};

const body = (m: PageModel, lang: Lang, o: RenderOptions, path: string): { title: string; body: SafeHtml } => {
  switch (m.kind) {
    case "item":
      return {
        title: m.item.name[lang],
        body: markup`<p>${m.item.summary[lang]}</p>
${checklistSection(m.checklist, lang, m.tailored)}
<p>${t(lang, "processing", m.item.processing.workingDays)}</p>
${m.halls.map((c) => hallSection(c, lang))}`,
      };
    case "event":
      return {
        title: m.event.name[lang],
        body: markup`<p>${m.event.summary[lang]}</p>
<section aria-labelledby="steps"><h2 id="steps">${t(lang, "steps")}</h2>
<ol class="steps">${m.steps.map((s) => markup`<li data-state="${s.state ?? ""}"><strong>${s.name[lang]}</strong>${s.state ? markup` — ${t(lang, STATE_WORD[s.state]!)}` : ""}${s.note ? markup`<br><span class="muted">${s.note[lang]}</span>` : ""}</li>`)}</ol>
</section>
${
  m.next
    ? markup`<h2>${t(lang, "nextStep")}：${m.next.name[lang]}</h2>
${m.next.checklist ? checklistSection(m.next.checklist, lang, false) : ""}
${m.next.halls.map((c) => hallSection(c, lang))}`
    : ""
}`,
      };
    case "hall":
      return { title: m.card.hall.name[lang], body: hallSection(m.card, lang) };
    case "application": {
      const a = m.app;
      const warn = a.status === "returned" || a.status === "rejected";
      return {
        title: a.itemName[lang],
        body: markup`<section aria-labelledby="status"><h2 id="status">${t(lang, "status")}</h2>
<p><span class="status${warn ? " warn" : ""}" data-status="${a.status}">${STATUS_LABEL[a.status][lang]}</span></p>
${a.reason ? markup`<p>${t(lang, "reason")}：${a.reason}</p>` : ""}
${a.status === "ready" ? markup`<p>${t(lang, "pickup")}</p>` : ""}
</section>
${m.checklist ? checklistSection(m.checklist, lang, false) : ""}
${m.card ? hallSection(m.card, lang) : ""}`,
      };
    }
    case "appointment":
      return { title: t(lang, "appointment"), body: appointmentBody(m, lang, path, o) };
  }
};

export const renderPage = (r: PageResult, o: RenderOptions): { status: number; html: string } => {
  const path = `/s/${o.token}`;
  const frame: Frame = { lang: r.lang, large: o.large, path, cityName: o.cityName[r.lang] };
  if (!r.ok) {
    const gone = r.reason === "expired";
    return {
      status: gone ? 410 : 404,
      html: layout(
        frame,
        t(r.lang, gone ? "gone" : "notFound"),
        markup`<p>${t(r.lang, gone ? "goneText" : "notFoundText")}</p>`,
      ),
    };
  }
  const b = body(r.model, r.lang, o, `${path}`);
  return { status: 200, html: layout(frame, b.title, b.body) };
};

export { linkQuery };
