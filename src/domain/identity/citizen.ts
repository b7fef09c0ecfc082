import { maskPhone } from "../privacy/mask.js";
import { ageOn, ELDERLY_AGE, type IsoDate } from "./age.js";

/** A citizen as the stores return it: no clear-text ID number, only what identifies nobody by itself. */
export interface CitizenRecord {
  id: string;
  nameZh: string;
  nameEn: string | null;
  /** e.g. 110***********123X; null when no ID number is on file */
  idNumberMasked: string | null;
  idNumberLast4: string | null;
  birthDate: IsoDate | null;
  hukouPlace: string | null;
  locale: "zh" | "en";
  tags: string[];
  mergedInto: string | null;
  phones: { phone: string; isPrimary: boolean; verifiedAt: Date | null }[];
}

/** What other areas (dialogue, journeys, citizen pages) get: enough to greet and route, masked. */
export interface CitizenSummary {
  id: string;
  name: string;
  nameEn?: string;
  /** completed years today in the city; undefined when the birth date is unknown */
  age?: number;
  locale: "zh" | "en";
  tags: string[];
  /** 110***********123X, or undefined when no ID number is on file */
  maskedId?: string;
  /** 138****8000 for each number on file, primary first */
  maskedPhones: string[];
  /** 60 or older, or tagged elderly: the elderly-friendly path (slower speech, priority seat) */
  elderly: boolean;
  minor: boolean;
  hasIdNumber: boolean;
}

export const summariseCitizen = (c: CitizenRecord, today: IsoDate): CitizenSummary => {
  const age = c.birthDate ? ageOn(c.birthDate, today) : undefined;
  const phones = [...c.phones].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
  return {
    id: c.id,
    name: c.nameZh,
    ...(c.nameEn ? { nameEn: c.nameEn } : {}),
    ...(age !== undefined ? { age } : {}),
    locale: c.locale,
    tags: [...c.tags],
    ...(c.idNumberMasked ? { maskedId: c.idNumberMasked } : {}),
    maskedPhones: phones.map((p) => maskPhone(p.phone)),
    elderly: c.tags.includes("elderly") || (age !== undefined && age >= ELDERLY_AGE),
    minor: age !== undefined && age < 18,
    hasIdNumber: c.idNumberLast4 !== null,
  };
};

/** Tags are lower-case codes, e.g. elderly, newborn-parent, pension-recipient. */
export const TAG_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;
