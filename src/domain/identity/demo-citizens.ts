import { composeIdNumber } from "./id-number.js";

/**
 * The fixed demo citizens (synthetic: fake names, valid-checksum ID numbers with region 110105 and
 * sequence 99x, which no real person has). Tests, the dialogue and the journey seed rely on these
 * ids and numbers; the seed (src/app/identity/seed-demo.ts) creates them on every start if missing.
 */

export interface DemoCitizen {
  id: string;
  nameZh: string;
  nameEn: string;
  /** E.164; undefined for the newborn, who has no phone */
  phone?: string;
  /** fixed, or undefined when it is relative to the seeding day (the newborn) */
  birthDate?: string;
  idNumber?: string;
  hukouPlace: string;
  locale: "zh" | "en";
  tags: string[];
}

const demoId = (n: number) => `de000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

export const DEMO_CITIZENS = {
  /** 张伟, +8613800138000, born 1988: a passport.renew appointment tomorrow 10:00 at hall.exit-entry */
  zhangWei: {
    id: demoId(1),
    nameZh: "张伟",
    nameEn: "Zhang Wei",
    phone: "+8613800138000",
    birthDate: "1988-03-15",
    idNumber: composeIdNumber("110105", "1988-03-15", "991"),
    hukouPlace: "示范市中心区",
    locale: "zh",
    tags: [],
  },
  /** 李秀英, +8613900139000, born 1947: pension recipient due for pension.qualification */
  liXiuying: {
    id: demoId(2),
    nameZh: "李秀英",
    nameEn: "Li Xiuying",
    phone: "+8613900139000",
    birthDate: "1947-09-09",
    idNumber: composeIdNumber("110105", "1947-09-09", "992"),
    hukouPlace: "示范市东城区",
    locale: "zh",
    tags: ["elderly", "pension-recipient"],
  },
  /** 王芳, +8613700137000, born 1992: passport ready for pickup; a baby born last week */
  wangFang: {
    id: demoId(3),
    nameZh: "王芳",
    nameEn: "Wang Fang",
    phone: "+8613700137000",
    birthDate: "1992-04-20",
    idNumber: composeIdNumber("110105", "1992-04-20", "994"),
    hukouPlace: "示范市中心区",
    locale: "zh",
    tags: ["newborn-parent"],
  },
  /** 王芳's newborn: no phone, no ID number yet (hukou.birth not done); born 7 days before the first seeding */
  wangFangBaby: {
    id: demoId(4),
    nameZh: "陈小满",
    nameEn: "Chen Xiaoman",
    hukouPlace: "示范市中心区",
    locale: "zh",
    tags: ["newborn"],
  },
} as const satisfies Record<string, DemoCitizen>;

/** 王芳's guardianship of the newborn (proof: the birth medical certificate). */
export const DEMO_DELEGATION_ID = "de000000-0000-4000-8001-000000000001";
export const DEMO_BABY_CERTIFICATE = "Q990000001";
/** 刘洋 (the first of DEMO_OTHERS) acts for 李秀英 on her pension qualification (written power of attorney). */
export const DEMO_AGENT_DELEGATION_ID = "de000000-0000-4000-8001-000000000002";
export const DEMO_BABY_AGE_DAYS = 7;

const NAMES: [string, string, string][] = [
  ["刘洋", "Liu Yang", "1985-07-02"],
  ["陈静", "Chen Jing", "1990-11-23"],
  ["杨磊", "Yang Lei", "1979-01-30"],
  ["赵敏", "Zhao Min", "1995-05-17"],
  ["黄勇", "Huang Yong", "1968-08-08"],
  ["周丽", "Zhou Li", "2001-02-14"],
  ["吴军", "Wu Jun", "1958-12-01"],
  ["徐娜", "Xu Na", "1987-03-09"],
  ["孙强", "Sun Qiang", "1975-10-10"],
  ["马超", "Ma Chao", "1999-06-21"],
  ["朱桂兰", "Zhu Guilan", "1952-04-04"],
  ["胡斌", "Hu Bin", "1983-09-15"],
  ["郭婷", "Guo Ting", "1994-01-11"],
  ["林峰", "Lin Feng", "1972-07-27"],
  ["何霞", "He Xia", "1989-12-30"],
  ["高建华", "Gao Jianhua", "1961-03-03"],
  ["罗欣", "Luo Xin", "2003-08-19"],
  ["郑凯", "Zheng Kai", "1992-10-05"],
  ["梁玉珍", "Liang Yuzhen", "1949-11-11"],
  ["谢文", "Xie Wen", "1986-05-26"],
];

/** ~20 further synthetic citizens with phones +86 170 0000 01nn (a range no real subscriber uses in the demo). */
export const DEMO_OTHERS: DemoCitizen[] = NAMES.map(([zh, en, birth], i) => {
  const seq = `99${(i % 10).toString()}`;
  const age = 2026 - Number(birth.slice(0, 4));
  return {
    id: demoId(101 + i),
    nameZh: zh,
    nameEn: en,
    phone: `+86170000001${String(i + 1).padStart(2, "0")}`,
    birthDate: birth,
    idNumber: composeIdNumber("110105", birth, seq),
    hukouPlace: "示范市",
    locale: i === 9 ? "en" : "zh",
    tags: age >= 60 ? ["elderly"] : [],
  };
});

/** Service items the seed books for the other demo citizens, with a hall serving each. */
export const DEMO_OTHER_BOOKINGS: { item: string; hall: string }[] = [
  { item: "id-card.renew", hall: "hall.civic-center" },
  { item: "passport.apply", hall: "hall.exit-entry" },
  { item: "driving-licence.renew", hall: "hall.vehicle-admin" },
  { item: "ssc.replace", hall: "hall.east-district" },
  { item: "hk-macao-permit.endorse", hall: "hall.exit-entry" },
  { item: "id-card.replace", hall: "hall.west-district" },
  { item: "pension.qualification", hall: "hall.south-lake" },
];
