import { z } from "zod";

/**
 * The knowledge base as authored in kb/ (YAML). Every citizen-facing text is bilingual:
 * zh-CN first, English second. Schemas are strict so that a typo in a field name is an
 * error naming the field, not a silently ignored key.
 */

export const CODE_PATTERN = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;
export const Code = z.string().regex(CODE_PATTERN, "must be a catalogue code like id-card.renew");

export const LocalText = z.strictObject({
  zh: z.string().min(1),
  en: z.string().min(1),
});
export type LocalText = z.infer<typeof LocalText>;

/** Situations a citizen can be in; shared with NLU entity extraction. */
export const Situation = z.enum([
  "first-time",
  "expired",
  "damaged",
  "lost",
  "change-of-details",
  "nonlocal",
  "progress",
  "book",
  "cancel",
]);
export type Situation = z.infer<typeof Situation>;

/**
 * A machine-checkable condition (all given parts must hold), so that checklists can be
 * tailored to what we know about the citizen: `{ ageUnder: 16 }`, `{ situations: [lost] }`.
 * `flags` are free-form facts the dialogue or an agent can set (e.g. `married`, `agent-applies`).
 */
export const Condition = z.strictObject({
  ageUnder: z.number().int().positive().optional(),
  ageAtLeast: z.number().int().nonnegative().optional(),
  situations: z.array(Situation).min(1).optional(),
  notSituations: z.array(Situation).min(1).optional(),
  flags: z.array(z.string().min(1)).min(1).optional(),
});
export type Condition = z.infer<typeof Condition>;

export const Material = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: LocalText,
  original: z.boolean().default(true),
  copies: z.number().int().nonnegative().default(0),
  /** Needed only when this holds; omitted means always needed. */
  when: Condition.optional(),
  /** Plain-language statement of `when`, read to citizens. */
  whenText: LocalText.optional(),
  note: LocalText.optional(),
});
export type Material = z.infer<typeof Material>;

export const Fee = z.strictObject({
  name: LocalText,
  amountYuan: z.number().nonnegative(),
  when: Condition.optional(),
  note: LocalText.optional(),
});

export const ValidityRule = z.strictObject({
  when: Condition.optional(),
  /** null means long-term (长期). */
  years: z.number().positive().nullable(),
});

export const Source = z.strictObject({
  authority: z.string().min(1),
  document: z.string().min(1),
  effective: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "must be YYYY, YYYY-MM or YYYY-MM-DD"),
  url: z.string().optional(),
  /** true when the rule is the demo city's local practice rather than a national rule. */
  local: z.boolean().default(false),
});

export const OnlineChannel = z.strictObject({
  name: LocalText,
  /** what can be done there: apply, book, progress, pay, all */
  scope: z.array(z.enum(["apply", "book", "progress", "pay", "query", "all"])).min(1),
  url: z.string().optional(),
});

export const Faq = z.strictObject({ q: LocalText, a: LocalText });

export const ServiceItem = z.strictObject({
  code: Code,
  name: LocalText,
  department: Code,
  summary: LocalText,
  eligibility: z.array(LocalText).min(1),
  materials: z.array(Material).min(1),
  fees: z.array(Fee).min(1),
  processing: z.strictObject({
    workingDays: z.number().int().nonnegative(),
    note: LocalText.optional(),
  }),
  validity: z.strictObject({
    text: LocalText,
    rules: z.array(ValidityRule).default([]),
  }),
  halls: z.array(Code).min(1),
  online: z.array(OnlineChannel).default([]),
  faq: z.array(Faq).min(1),
  /** How citizens actually say it; feeds the NLU. Write your own, never copy eval data. */
  phrasings: z.array(z.string().min(2)).min(5),
  /** Extra words that point at this item (colloquial names, abbreviations). */
  keywords: z.array(z.string().min(1)).default([]),
  sources: z.array(Source).min(1),
});
export type ServiceItem = z.infer<typeof ServiceItem>;

export const LifeEventStep = z.strictObject({
  item: Code,
  /** codes of items that must be done before this one */
  dependsOn: z.array(Code).default([]),
  when: Condition.optional(),
  whenText: LocalText.optional(),
  note: LocalText.optional(),
});

export const LifeEvent = z.strictObject({
  code: Code,
  name: LocalText,
  summary: LocalText,
  steps: z.array(LifeEventStep).min(1),
  faq: z.array(Faq).default([]),
  phrasings: z.array(z.string().min(2)).min(5),
  keywords: z.array(z.string().min(1)).default([]),
  sources: z.array(Source).min(1),
});
export type LifeEvent = z.infer<typeof LifeEvent>;

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM (24h)");
export const Session = z.strictObject({ open: Time, close: Time });
export type Session = z.infer<typeof Session>;

export const Hall = z.strictObject({
  code: Code,
  name: LocalText,
  district: LocalText,
  address: LocalText,
  coordinates: z.strictObject({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }),
  phone: z.string().min(5),
  windows: z.number().int().positive(),
  /** Opening sessions per day; two sessions model the lunch break. Empty means closed. */
  hours: z.strictObject({
    weekdays: z.array(Session).min(1),
    saturday: z.array(Session).default([]),
    sunday: z.array(Session).default([]),
    /** statutory public holidays: closed, or open with these sessions */
    holidays: z.array(Session).default([]),
  }),
  hoursText: LocalText,
  departments: z.array(Code).min(1),
  items: z.array(Code).min(1),
  appointments: z.strictObject({
    slotMinutes: z.number().int().positive().default(30),
    /** bookable citizens per slot per item, unless overridden below */
    defaultCapacityPerSlot: z.number().int().nonnegative().default(2),
    capacityPerSlot: z.record(z.string(), z.number().int().nonnegative()).default({}),
  }),
  transit: LocalText.optional(),
});
export type Hall = z.infer<typeof Hall>;

export const Template = z.strictObject({
  id: z.string().regex(/^[a-z0-9-.]+$/),
  channel: z.enum(["sms", "voice"]),
  /** Text with {placeholders}; each must be listed in variables. */
  text: LocalText,
  variables: z.array(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/)).default([]),
  urgent: z.boolean().default(false),
});
export type Template = z.infer<typeof Template>;

/** Phrasings for conversation intents (meta.*) and out-of-scope examples. */
export const IntentEntry = z.strictObject({
  code: Code,
  name: LocalText,
  phrasings: z.array(z.string().min(1)).min(5),
  keywords: z.array(z.string().min(1)).default([]),
});
export type IntentEntry = z.infer<typeof IntentEntry>;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const CalendarYear = z.strictObject({
  year: z.number().int(),
  /** statutory public holidays (days off), including the weekend days that are part of them */
  holidays: z.array(z.strictObject({ date: IsoDate, name: LocalText })),
  /** 调休: weekend days that are working days */
  makeupWorkdays: z.array(IsoDate),
  source: Source,
});
export type CalendarYear = z.infer<typeof CalendarYear>;

export const City = z.strictObject({
  name: LocalText,
  /** true: this is the fictional demo city; a real deployment loads its own kb/. */
  demo: z.boolean(),
  smsSignature: LocalText,
  hotline: z.string(),
  timezone: z.string().default("Asia/Shanghai"),
  publicNote: LocalText.optional(),
});
export type City = z.infer<typeof City>;

export const KnowledgeBase = z.strictObject({
  city: City,
  items: z.array(ServiceItem),
  events: z.array(LifeEvent),
  halls: z.array(Hall),
  templates: z.array(Template),
  intents: z.array(IntentEntry),
  calendar: z.array(CalendarYear),
  /** NLU lexicon: synonyms and speech-recognition corrections, owned by domain/nlu. */
  lexicon: z.record(z.string(), z.unknown()).default({}),
});
export type KnowledgeBase = z.infer<typeof KnowledgeBase>;
