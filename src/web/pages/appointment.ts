import type { PageModel } from "../../app/links/page-model.js";
import { CANCEL_REASONS } from "../../domain/appointments/states.js";
import { checklistSection, hallSection } from "./components.js";
import { markup, type SafeHtml } from "./html.js";
import { t, type Lang, type Word } from "./i18n.js";
import { linkQuery } from "./layout.js";

/** An appointment's details with plain HTML forms to move or cancel it (no script needed). */

const REASON_LABEL: Partial<Record<(typeof CANCEL_REASONS)[number], { zh: string; en: string }>> = {
  "citizen-request": { zh: "个人原因", en: "Personal reasons" },
  "plans-changed": { zh: "行程有变", en: "My plans changed" },
  unwell: { zh: "身体不适", en: "I am unwell" },
  "booked-by-mistake": { zh: "预约有误", en: "Booked by mistake" },
  "materials-not-ready": { zh: "材料还没准备好", en: "My documents are not ready" },
};

const NOTICES: Record<string, Word> = { cancelled: "cancelled", rescheduled: "rescheduled", "not-open": "notOpen" };

export const appointmentBody = (
  m: Extract<PageModel, { kind: "appointment" }>,
  lang: Lang,
  path: string,
  o: { large: boolean; notice?: string },
): SafeHtml => {
  const a = m.appt;
  const q = linkQuery(lang, o.large);
  const notice = o.notice && NOTICES[o.notice] ? t(lang, NOTICES[o.notice]!) : o.notice;
  const reasons = CANCEL_REASONS.filter((r) => REASON_LABEL[r]);
  return markup`${notice ? markup`<p role="status" class="status${o.notice === "cancelled" || o.notice === "rescheduled" ? "" : " warn"}">${notice}</p>` : ""}
<section aria-labelledby="appt"><h2 id="appt">${a.itemName?.[lang] ?? a.item}</h2>
<dl>
<dt>${t(lang, "reference")}</dt><dd>${a.reference}</dd>
<dt>${t(lang, "when")}</dt><dd><time datetime="${a.startsAt}">${a.date} ${a.time}–${a.endTime}</time></dd>
<dt>${t(lang, "status")}</dt><dd data-status="${a.status}">${a.status}</dd>
</dl>
</section>
${
  m.canChange
    ? markup`<section aria-labelledby="change"><h2 id="change">${t(lang, "reschedule")}</h2>
${
  m.slots.length
    ? markup`<form method="post" action="${path}/reschedule${q}">
<fieldset><legend>${t(lang, "chooseSlot")}</legend>
${m.slots.map((s, i) => markup`<label><input type="radio" name="slot" value="${s.date} ${s.start}"${i === 0 ? markup` checked` : ""}> ${s.date} ${s.start}</label>`)}
</fieldset><button type="submit">${t(lang, "confirm")}</button></form>`
    : markup`<p>${t(lang, "noSlots")}</p>`
}
</section>
<section aria-labelledby="cancel"><h2 id="cancel">${t(lang, "cancel")}</h2>
<form method="post" action="${path}/cancel${q}">
<label for="reason">${t(lang, "cancelReason")}</label>
<select id="reason" name="reason">${reasons.map((r) => markup`<option value="${r}">${REASON_LABEL[r]![lang]}</option>`)}</select>
<p><button type="submit">${t(lang, "cancel")}</button></p>
</form></section>`
    : ""
}
${m.checklist ? checklistSection(m.checklist, lang, false) : ""}
${m.card ? hallSection(m.card, lang) : ""}`;
};
