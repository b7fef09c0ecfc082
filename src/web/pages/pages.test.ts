import { describe, expect, it } from "vitest";
import type { PageResult } from "../../app/links/page-model.js";
import type { Hall } from "../../domain/kb/schema.js";
import { renderPage } from "./pages.js";

// Citizen pages render every value escaped, in the right language, with the large-text option.

const hall: Hall = {
  code: "hall.test",
  name: { zh: "测试大厅", en: "Test Hall" },
  district: { zh: "中心区", en: "Central" },
  address: { zh: "示范路1号<script>", en: "1 Demo Road" },
  coordinates: { lat: 30.25, lng: 120.17 },
  phone: "0000-1234",
  windows: 4,
  hours: { weekdays: [{ open: "09:00", close: "17:00" }], saturday: [], sunday: [], holidays: [] },
  hoursText: { zh: "周一至周五9:00–17:00", en: "Mon–Fri 9:00–17:00" },
  departments: ["x"],
  items: ["passport.apply"],
  appointments: { slotMinutes: 30, defaultCapacityPerSlot: 2, capacityPerSlot: {} },
};
const link = {
  token: "abcdefghijklmnop",
  kind: "application" as const,
  target: "a1",
  citizenId: "c1",
  locale: null,
  facts: {},
  createdAt: new Date(),
  expiresAt: new Date(),
  openedCount: 0,
};
const result = (lang: "zh" | "en", reason: string): PageResult => ({
  ok: true,
  lang,
  link,
  model: {
    kind: "application",
    app: {
      id: "a1",
      itemCode: "passport.apply",
      itemName: { zh: "普通护照", en: "Passport" },
      status: "returned",
      statusLabel: { zh: "退回补正", en: "Returned for correction" },
      reason,
      hallCode: "hall.test",
      hallName: hall.name,
      open: true,
      statusChangedAt: "2026-03-10T02:00:00Z",
      lifeEventCaseId: null,
      forSelf: true,
    },
    card: {
      hall,
      tz: "Asia/Shanghai",
      item: "passport.apply",
      allHalls: [
        { code: "hall.test", lat: 30.25, lng: 120.17 },
        { code: "hall.b", lat: 30.3, lng: 120.2 },
      ],
      queue: {
        hallCode: "hall.test",
        name: hall.name,
        asOf: "2026-03-10T02:00:00Z",
        serviceDate: "2026-03-10",
        open: true,
        waiting: 9,
        estimatedWaitMinutes: 30,
        items: [
          {
            itemCode: "passport.apply",
            name: { zh: "普通护照", en: "Passport" },
            waiting: 4,
            estimatedWaitMinutes: 16,
          },
        ],
      },
    },
  },
});
const opts = { token: link.token, large: false, cityName: { zh: "示范市", en: "Demo City" } };

describe("citizen page rendering", () => {
  it("escapes text from department systems and the KB", () => {
    const { status, html } = renderPage(result("zh", `<img src=x onerror="alert(1)">`), opts);
    expect(status).toBe(200);
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).not.toContain("示范路1号<script>");
    expect(html).not.toMatch(/<script/i);
  });

  it("is a complete zh-CN document with landmarks, the queue for the item and a map", () => {
    const { html } = renderPage(result("zh", "照片不合格"), opts);
    expect(html.startsWith('<!doctype html><html lang="zh-CN">')).toBe(true);
    for (const tag of ["<header>", '<main id="main">', "<footer>", "<h1>", "<address>", 'role="img"'])
      expect(html).toContain(tag);
    expect(html).toContain('data-waiting="4"');
    expect(html).toContain("预计等候约16分钟");
    expect(html).toContain("10:00"); // as of, city time
    expect(html).toContain('href="/s/abcdefghijklmnop?lang=en"');
    expect(html).toContain('href="/s/abcdefghijklmnop?lang=zh&amp;size=large"');
  });

  it("renders English with the large-text class", () => {
    const { html } = renderPage(result("en", "photo"), { ...opts, large: true });
    expect(html).toContain('<html lang="en" class="large">');
    expect(html).toContain("Returned for correction");
    expect(html).toContain("about 4 waiting");
  });

  it("answers an expired link with 410 and an unknown one with 404", () => {
    expect(renderPage({ ok: false, lang: "zh", reason: "expired" }, opts).status).toBe(410);
    expect(renderPage({ ok: false, lang: "en", reason: "not-found" }, opts)).toMatchObject({
      status: 404,
      html: expect.stringContaining("Page not found"),
    });
  });
});
