import { DEMO_CITIZENS, DEMO_OTHERS } from "../../domain/identity/demo-citizens.js";
import type { ApplicationStatus } from "../../domain/applications/states.js";
import { cityDate, cityInstant, localParts } from "../../domain/time/city-time.js";
import type { KnowledgeBase } from "../../domain/kb/schema.js";
import type { Clock } from "../clock.js";
import { AppError } from "../errors.js";
import type { ApplicationEventInput } from "./ingest-application-event.js";
import type { QueueEventInput } from "../queues/ingest-queue-events.js";

/**
 * The demo's applications and hall queues. Applications are history: they are written through the
 * same ingestion use case department systems use, but without notifications (those texts were
 * "sent" before the demo began). Everything is keyed by fixed references and event ids, so a
 * restart changes nothing; queues are seeded once per city day.
 */

export const DEMO_SOURCE = "department-systems";
export const DEMO_REFS = {
  wangFangPassport: "DEMO-PP-0003",
  wangFangNewbornCase: "DEMO-NB-0003",
  babyBirthCertificate: "DEMO-BMC-0004",
  /** left in 制证 so a demo can push it to 待领取 */
  liuYangIdCard: "DEMO-ID-0101",
} as const;

export interface SeedDeps {
  clock: Clock;
  tz: string;
  kb: () => Promise<KnowledgeBase>;
  citizenExists: (id: string) => Promise<boolean>;
  applicationExists: (source: string, ref: string) => Promise<boolean>;
  ingest: (source: string, e: ApplicationEventInput) => Promise<unknown>;
  ticketsToday: (hallCode: string, date: string) => Promise<number>;
  ingestQueue: (source: string, hallCode: string, events: QueueEventInput[]) => Promise<unknown>;
  log: (msg: string) => void;
}

interface SeedApp {
  ref: string;
  citizenId: string;
  itemCode: string;
  hallCode: string;
  path: ApplicationStatus[];
  reason?: string;
  subjectCitizenId?: string;
  lifeEvent?: { code: string; caseRef: string };
  notify: ("sms" | "voice")[];
}

const O = DEMO_OTHERS;
const seedApps = (): SeedApp[] => [
  {
    ref: DEMO_REFS.wangFangPassport,
    citizenId: DEMO_CITIZENS.wangFang.id,
    itemCode: "passport.apply",
    hallCode: "hall.exit-entry",
    path: ["accepted", "reviewing", "producing", "ready"],
    notify: ["sms"],
  },
  {
    ref: DEMO_REFS.babyBirthCertificate,
    citizenId: DEMO_CITIZENS.wangFang.id,
    subjectCitizenId: DEMO_CITIZENS.wangFangBaby.id,
    itemCode: "birth.medical-certificate",
    hallCode: "hall.maternal-child",
    path: ["accepted", "reviewing", "producing", "ready", "collected"],
    lifeEvent: { code: "event.newborn", caseRef: DEMO_REFS.wangFangNewbornCase },
    notify: ["sms"],
  },
  {
    ref: DEMO_REFS.liuYangIdCard,
    citizenId: O[0]!.id,
    itemCode: "id-card.renew",
    hallCode: "hall.civic-center",
    path: ["accepted", "reviewing", "producing"],
    notify: ["sms"],
  },
  {
    ref: "DEMO-PP-0102",
    citizenId: O[1]!.id,
    itemCode: "passport.apply",
    hallCode: "hall.exit-entry",
    path: ["accepted", "reviewing"],
    notify: ["sms", "voice"],
  },
  {
    ref: "DEMO-DL-0103",
    citizenId: O[2]!.id,
    itemCode: "driving-licence.renew",
    hallCode: "hall.vehicle-admin",
    path: ["accepted", "returned"],
    reason: "体检证明已超过6个月有效期，请重新体检",
    notify: ["sms"],
  },
  {
    ref: "DEMO-HK-0104",
    citizenId: O[3]!.id,
    itemCode: "hk-macao-permit.apply",
    hallCode: "hall.exit-entry",
    path: ["accepted", "reviewing", "producing", "ready", "collected"],
    notify: ["sms"],
  },
  {
    ref: "DEMO-ID-0105",
    citizenId: O[4]!.id,
    itemCode: "id-card.replace",
    hallCode: "hall.west-district",
    path: ["accepted", "reviewing", "producing", "ready"],
    notify: ["sms"],
  },
];

const DAY = 86_400_000;

export const seedDemoApplications = async (d: SeedDeps): Promise<number> => {
  const now = d.clock.now().getTime();
  let created = 0;
  for (const a of seedApps()) {
    if (await d.applicationExists(DEMO_SOURCE, a.ref)) continue;
    if (!(await d.citizenExists(a.citizenId)) || (a.subjectCitizenId && !(await d.citizenExists(a.subjectCitizenId)))) {
      d.log(`demo application ${a.ref} skipped: its citizen is not seeded`);
      continue;
    }
    // history spread over the last weeks, the last step yesterday
    const steps = a.path.length;
    for (const [i, status] of a.path.entries()) {
      const at = new Date(now - (steps - i) * 3 * DAY + 2 * 3_600_000);
      await d.ingest(DEMO_SOURCE, {
        eventId: `demo:${a.ref}:${i}:${status}`,
        occurredAt: at,
        applicationRef: a.ref,
        status,
        ...(i === 0
          ? {
              itemCode: a.itemCode,
              citizen: { id: a.citizenId },
              notify: a.notify,
              hallCode: a.hallCode,
              ...(a.subjectCitizenId ? { subjectCitizenId: a.subjectCitizenId } : {}),
              ...(a.lifeEvent ? { lifeEvent: a.lifeEvent } : {}),
            }
          : {}),
        ...(status === "returned" || status === "rejected" ? { reason: a.reason ?? "材料不全" } : {}),
        silent: true,
      } as ApplicationEventInput);
    }
    created++;
  }
  return created;
};

/** A plausible morning at each hall: some served, some at a window, some waiting. */
export const seedDemoQueues = async (d: SeedDeps): Promise<number> => {
  const kb = await d.kb();
  const nowDate = d.clock.now();
  const today = cityDate(nowDate, d.tz);
  const p = localParts(nowDate, d.tz);
  const dayStart = cityInstant(p, "00:01", d.tz).getTime();
  const start = Math.max(dayStart, nowDate.getTime() - 150 * 60_000);
  const span = Math.max(1, nowDate.getTime() - 60_000 - start);
  let seeded = 0;
  for (const [h, hall] of kb.halls.entries()) {
    if ((await d.ticketsToday(hall.code, today)) > 0) continue;
    const events: QueueEventInput[] = [];
    const items = hall.items.slice(0, 3);
    items.forEach((item, k) => {
      const letter = String.fromCharCode(65 + k);
      const total = 4 + ((h * 3 + k * 5) % 9);
      const served = Math.floor(total / 2);
      for (let n = 1; n <= total; n++) {
        const ticket = `${letter}${String(n).padStart(3, "0")}`;
        const issued = start + Math.floor((span * (n - 1)) / (total + 1));
        const id = `seed:${today}:${hall.code}:${ticket}`;
        events.push({ eventId: `${id}:issued`, type: "issued", ticket, itemCode: item, at: new Date(issued) });
        if (n <= served) {
          const called = issued + Math.floor(span / (total + 2));
          const minutes = 4 + ((n + k) % 6);
          events.push({
            eventId: `${id}:called`,
            type: "called",
            ticket,
            at: new Date(Math.min(called, nowDate.getTime() - 60_000)),
            counter: `${k + 1}`,
          });
          events.push({
            eventId: `${id}:served`,
            type: "served",
            ticket,
            at: new Date(Math.min(called + minutes * 60_000, nowDate.getTime())),
          });
        }
      }
    });
    await d.ingestQueue("demo-seed", hall.code, events);
    seeded++;
  }
  return seeded;
};

export const seedJourney = async (d: SeedDeps) => {
  let apps = 0;
  try {
    apps = await seedDemoApplications(d);
  } catch (err) {
    // A KB without one of the seeded items must not stop the app from starting.
    if (!(err instanceof AppError)) throw err;
    d.log(`demo applications not fully seeded: ${err.message}`);
  }
  const halls = await seedDemoQueues(d);
  return { applications: apps, halls };
};
