/// <reference lib="dom" />
import { mkdirSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CITIZENS } from "../../src/domain/identity/demo-citizens.js";
import { startTestApp } from "../support/test-context.js";

// The pages behind SMS links, in a real Chromium (Debian's, with the CJK font .ci/run installs),
// at a phone's viewport: Chinese renders, the large-text option works, the hall shows its queue.
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SHOTS = "test/e2e/screenshots";

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let base: string;

beforeAll(async () => {
  app = await startTestApp();
  await app.server.listen({ port: 0, host: "127.0.0.1" });
  const addr = app.server.server.address();
  base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const open = async (path: string) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const res = await page.goto(`${base}${path}`);
  return { page, status: res?.status() };
};

describe("citizen pages in a browser", () => {
  it("tailors the checklist to the applicant's age (a newborn needs a guardian, an adult does not), in Chinese, with large text", async () => {
    const needed = async (citizenId: string) => {
      const link = await app.ctx.services.notifications.createLink("item", "passport.apply", citizenId);
      const { page, status } = await open(new URL(link.url).pathname);
      expect(status).toBe(200);
      expect(await page.getAttribute("html", "lang")).toMatch(/^zh/);
      const list = (await page.locator("section[aria-labelledby=checklist] ol").textContent()) ?? "";
      return { page, list, path: new URL(link.url).pathname };
    };
    const baby = await needed(DEMO_CITIZENS.wangFangBaby.id);
    expect(baby.list).toContain("护照");
    expect(baby.list).toMatch(/监护/);
    await baby.page.screenshot({ path: `${SHOTS}/checklist.png`, fullPage: true });
    const adult = await needed(DEMO_CITIZENS.zhangWei.id);
    expect(adult.list).not.toMatch(/监护/);

    const normal = await baby.page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    const large = await open(`${baby.path}?size=large`);
    const bigger = await large.page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    expect(bigger).toBeGreaterThan(normal);
    for (const p of [baby.page, adult.page, large.page]) await p.close();
  });

  it("shows a hall with address, hours, a map and the live queue", async () => {
    const link = await app.ctx.services.notifications.createLink("hall", "hall.exit-entry");
    const { page, status } = await open(new URL(link.url).pathname);
    expect(status).toBe(200);
    const { kb } = await app.ctx.kb.current();
    const hall = kb.halls.find((h) => h.code === "hall.exit-entry")!;
    const text = (await page.textContent("body")) ?? "";
    expect(text).toContain(hall.name.zh);
    expect(text).toContain(hall.address.zh);
    expect(text).toMatch(/\d{2}:\d{2}/);
    expect(text).toMatch(/排队|等候/);
    expect(await page.locator("svg, img, a[href*='openstreetmap']").count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/hall.png`, fullPage: true });
    await page.close();
  });

  it("is in English on request and says clearly when a link is unknown", async () => {
    const link = await app.ctx.services.notifications.createLink("event", "event.newborn");
    const en = await open(`${new URL(link.url).pathname}?lang=en`);
    expect(await en.page.getAttribute("html", "lang")).toBe("en");
    expect(await en.page.textContent("body")).toMatch(/birth/i);
    const missing = await open("/s/AAAAAAAAAAAAAAAAAAAAAA");
    expect(missing.status).toBe(404);
    await en.page.close();
    await missing.page.close();
  });
});
