import type { StatusNotice } from "../../domain/applications/notify-rules.js";
import { STATUS_LABEL } from "../../domain/applications/states.js";
import type { KnowledgeBase } from "../../domain/kb/schema.js";
import { maskName } from "../../domain/notifications/names.js";
import { compactHours } from "../../domain/queues/hall-hours.js";
import { itemName, type CatalogueNames } from "./describe.js";
import type { ApplicationRow } from "./ports.js";

/** The KB template variables of a status notice: names from the KB, the citizen's name masked. */

export const variablesFor = (
  n: StatusNotice,
  kb: KnowledgeBase,
  names: CatalogueNames,
  app: ApplicationRow,
  locale: "zh" | "en",
  x: { name: string; waiting: number; link?: string; reason: string | null },
): Record<string, string | number> => {
  const documentName = itemName(kb, names, app.itemCode)[locale];
  const hall = kb.halls.find((h) => h.code === app.hallCode);
  const hallVars = hall
    ? { hallName: hall.name[locale], hallHours: compactHours(hall, locale) }
    : { hallName: "", hallHours: "" };
  switch (n.template) {
    case "sms.certificate-ready":
      return { citizenName: maskName(x.name), documentName, ...hallVars, queueWaiting: x.waiting, link: x.link! };
    case "voice.certificate-ready":
      return { documentName, ...hallVars };
    case "sms.returned-for-correction":
      return { documentName, reason: x.reason ?? "", link: x.link! };
    default: {
      const label = STATUS_LABEL[app.status][locale];
      const status =
        app.status === "rejected" && x.reason
          ? `${label}${locale === "zh" ? `（${x.reason}）` : ` (${x.reason})`}`
          : label;
      return { documentName, status, link: x.link! };
    }
  }
};
