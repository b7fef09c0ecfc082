import { mkdirSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
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
  it("shows a tailored checklist for an under-16 applicant, in Chinese, with a large-text option", async () => {
    const link = await app.ctx.services.notifications.createLink("item", "passport.apply", null, { facts: { age: 12 } });
    const { page, status } = await open(new URL(link.url).pathname);
    expect(status).toBe(200);
    expect(await page.getAttribute("html", "lang")).toMatch(/^zh/);
    const text = await page.textContent("body");
    expect(text).toContain("护照");
    expect(text).toMatch(/监护人/);
    const normal = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    await page.screenshot({ path: `${SHOTS}/checklist.png`, fullPage: true });
    const large = await open(`${new URL(link.url).pathname}?size=large`);
    const bigger = await large.page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    expect(bigger).toBeGreaterThan(normal);
    await page.close();
    await large.page.close();
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
