import { KnowledgeBase } from "../../kb/schema.js";
import { buildKbView, type KbView } from "../kb-view.js";

/**
 * A small knowledge base for the engine's tests, written for them (not copied from kb/ or from
 * the evaluation scripts): three halls, four items, the newborn event and the SMS templates the
 * engine uses. Dates: 2026-10-01 and 2026-12-02 are holidays; 2026-11-28 is a Saturday, 2026-11-29 a Sunday.
 */

const src = [{ authority: "测试", document: "测试数据", effective: "2026" }];
const phr = ["甲甲甲", "乙乙乙", "丙丙丙", "丁丁丁", "戊戊戊"];
const hours = {
  weekdays: [
    { open: "08:30", close: "12:00" },
    { open: "13:30", close: "17:30" },
  ],
  saturday: [{ open: "09:00", close: "12:00" }],
};

const item = (
  code: string,
  zh: string,
  en: string,
  halls: string[],
  fee: number,
  days: number,
  materials: [string, string][],
) => ({
  code,
  name: { zh, en },
  department: code.startsWith("passport") ? "psb-exit-entry" : "psb-hukou",
  summary: { zh: `${zh}的说明`, en: `About ${en}` },
  eligibility: [{ zh: "本人", en: "The person" }],
  materials: [
    { id: "form", name: { zh: "申请表", en: "Application form" } },
    ...materials.map(([mzh, men], i) => ({ id: `m${i}`, name: { zh: mzh, en: men } })),
    { id: "kid", name: { zh: "监护人证件", en: "Guardian's ID" }, when: { ageUnder: 16 } },
  ],
  fees: [{ name: { zh: "工本费", en: "Fee" }, amountYuan: fee }],
  processing: { workingDays: days },
  validity: { text: { zh: "十年", en: "Ten years" } },
  halls,
  faq: [
    { q: { zh: "问", en: "Q" }, a: { zh: "答", en: "A" } },
    {
      q: { zh: "家里老人不方便出门能请别人代办吗？", en: "Can someone apply for an older person?" },
      a: {
        zh: "这项业务须本人到场，行动不便的可以预约上门服务。",
        en: "The person must attend; home visits can be booked for those who cannot travel.",
      },
    },
  ],
  online:
    code === "passport.renew" ? [{ name: { zh: "移民局App", en: "the NIA app" }, scope: ["book", "progress"] }] : [],
  phrasings: phr,
  sources: src,
});

const hall = (code: string, zh: string, en: string, district: string, items: string[], sunday = false) => ({
  code,
  name: { zh: `示范市${zh}`, en: `Demo City ${en}` },
  district: { zh: district, en: district },
  address: { zh: "某路1号", en: "1 Some Road" },
  coordinates: { lat: 30, lng: 120 },
  phone: "0000-0000",
  windows: 4,
  hours: { ...hours, ...(sunday ? { sunday: hours.saturday } : {}) },
  hoursText: { zh: "工作日", en: "Weekdays" },
  departments: ["psb-hukou"],
  items,
  appointments: {},
});

const template = (id: string, zh: string, variables: string[]) => ({
  id,
  channel: "sms",
  text: { zh, en: zh },
  variables,
});

export const fixtureKb = (): KnowledgeBase =>
  KnowledgeBase.parse({
    city: {
      name: { zh: "示范市", en: "Demo City" },
      demo: true,
      smsSignature: { zh: "【示范】", en: "[Demo]" },
      hotline: "12345",
    },
    items: [
      item(
        "passport.renew",
        "普通护照换发（过期、页满）",
        "Passport renewal",
        ["hall.exit-entry", "hall.civic-center"],
        120,
        7,
        [
          ["身份证", "ID card"],
          ["旧护照", "old passport"],
        ],
      ),
      item("passport.apply", "普通护照首次申领", "First passport", ["hall.exit-entry"], 120, 7, [
        ["身份证", "ID card"],
      ]),
      item("id-card.renew", "居民身份证换领", "ID card renewal", ["hall.civic-center", "hall.binjiang"], 20, 20, [
        ["旧身份证", "old ID card"],
        ["户口簿", "household register"],
        ["照片回执", "photo receipt"],
        ["第四样", "fourth thing"],
      ]),
      item("hukou.certificate", "户籍证明开具", "Household registration certificate", ["hall.civic-center"], 0, 0, [
        ["身份证", "ID card"],
      ]),
    ],
    events: [
      {
        code: "event.newborn",
        name: { zh: "新生儿出生一件事", en: "Birth of a child" },
        summary: { zh: "出生后要办的事", en: "After a birth" },
        steps: [
          { item: "birth.medical-certificate" },
          { item: "hukou.birth", dependsOn: ["birth.medical-certificate"] },
          { item: "medical-insurance.newborn", dependsOn: ["hukou.birth"] },
          { item: "ssc.apply", dependsOn: ["hukou.birth", "medical-insurance.newborn"] },
        ],
        phrasings: phr,
        sources: src,
      },
    ],
    halls: [
      hall("hall.exit-entry", "出入境接待大厅", "Exit-Entry Hall", "中心区", ["passport.renew", "passport.apply"]),
      hall("hall.civic-center", "市民中心", "Civic Center", "中心区", [
        "passport.renew",
        "id-card.renew",
        "hukou.certificate",
      ]),
      hall("hall.binjiang", "滨江区行政服务中心", "Binjiang Service Center", "滨江区", ["id-card.renew"]),
    ],
    templates: [
      template("sms.checklist", "{itemName}清单 {link}", ["itemName", "link"]),
      template("sms.event-checklist", "{eventName}下一步{nextStep} {link}", ["eventName", "nextStep", "link"]),
      template("sms.application-status", "{documentName}{status} {link}", ["documentName", "status", "link"]),
      template("sms.appointment-booked", "已约{date}{time}{hallName}{itemName} {link}", [
        "itemName",
        "hallName",
        "date",
        "time",
        "link",
      ]),
      template("sms.appointment-rescheduled", "改到{date}{time}{hallName}{itemName} {link}", [
        "itemName",
        "hallName",
        "date",
        "time",
        "link",
      ]),
    ],
    intents: [],
    calendar: [
      {
        year: 2026,
        holidays: [
          { date: "2026-10-01", name: { zh: "国庆节", en: "National Day" } },
          { date: "2026-12-02", name: { zh: "测试休息日", en: "Test day off" } },
        ],
        makeupWorkdays: ["2026-10-10"],
        source: src[0],
      },
    ],
  });

export const CATALOGUE_NAMES = {
  "birth.medical-certificate": { zh: "出生医学证明", en: "birth medical certificate" },
  "hukou.birth": { zh: "出生登记（新生儿落户）", en: "birth registration" },
  "medical-insurance.newborn": { zh: "新生儿医保参保", en: "newborn medical insurance" },
  "ssc.apply": { zh: "社会保障卡申领", en: "social security card" },
  "pension.qualification": { zh: "养老金领取资格认证", en: "pension eligibility check" },
};

export const fixtureView = (): KbView => buildKbView(7, fixtureKb(), CATALOGUE_NAMES);
