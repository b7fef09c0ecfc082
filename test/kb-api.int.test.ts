import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, TEST_ADMIN_TOKEN } from "./support/test-context.js";

let app: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

const get = (url: string, headers: Record<string, string> = {}) => app.server.inject({ method: "GET", url, headers });
const search = async (q: string) =>
  (await get(`/api/kb/search?q=${encodeURIComponent(q)}`)).json().hits as { code: string }[];

describe("KB read API", () => {
  it("answers health and readiness", async () => {
    expect((await get("/healthz")).statusCode).toBe(200);
    const ready = await get("/readyz");
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ ok: true, database: true, kbVersion: 1 });
  });

  it("serves an item, an event and halls with the KB version", async () => {
    const item = await get("/api/kb/items/passport.renew");
    expect(item.statusCode).toBe(200);
    expect(item.json()).toMatchObject({ kbVersion: 1, item: { code: "passport.renew", department: "psb-exit-entry" } });
    const ev = (await get("/api/kb/events/event.newborn")).json();
    expect(ev.event.steps[0]).toMatchObject({ item: "birth.medical-certificate", name: { zh: expect.any(String) } });
    const halls = (await get("/api/kb/halls?item=passport.renew")).json().halls as { code: string }[];
    expect(halls.map((h) => h.code)).toContain("hall.exit-entry");
  });

  it("rejects unknown codes and bad queries with a reason", async () => {
    const missing = await get("/api/kb/items/no.such-item");
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toMatch(/no\.such-item/);
    const bad = await get("/api/kb/items/DROP%20TABLE");
    expect(bad.statusCode).toBe(400);
    const empty = await get("/api/kb/search?q=");
    expect(empty.statusCode).toBe(400);
    expect(empty.json().details[0]).toMatchObject({ path: "q" });
    expect((await get("/api/kb/search?q=x&limit=500")).statusCode).toBe(400);
  });

  it("ranks everyday Chinese searches", async () => {
    const cases: [string, string][] = [
      ["身份证丢了怎么补办", "id-card.replace"],
      ["护照过期了怎么换", "passport.renew"],
      ["第一次办护照要带什么", "passport.apply"],
      ["驾照到期换证", "driving-licence.renew"],
      ["去香港的签注怎么续", "hk-macao-permit.endorse"],
      ["新生儿怎么上户口", "hukou.birth"],
      ["社保卡丢了挂失", "ssc.replace"],
      ["去外地看病要怎么备案", "medical-insurance.remote-care"],
      ["结婚登记要什么材料", "marriage.register"],
      ["公积金怎么提取", "housing-fund.withdraw"],
      ["开无犯罪记录证明", "no-criminal-record"],
      ["养老金资格认证", "pension.qualification"],
    ];
    const misses: string[] = [];
    for (const [q, code] of cases) {
      const hits = await search(q);
      if (hits[0]?.code !== code)
        misses.push(
          `${q} → ${hits
            .slice(0, 3)
            .map((h) => h.code)
            .join(", ")} (want ${code})`,
        );
    }
    expect(misses).toEqual([]);
  });

  it("documents the routes in OpenAPI", async () => {
    const doc = (await get("/openapi.json")).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/kb/items/{code}", "/api/kb/search", "/api/kb/halls"]),
    );
    // routes that take an admin token or an integration key say so
    expect(doc.paths["/api/appointments"].post.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
    expect(doc.paths["/api/admin/kb/versions"].get.security).toEqual([{ bearer: [] }]);
  });

  it("guards the admin API", async () => {
    expect((await get("/api/admin/kb/versions")).statusCode).toBe(401);
    expect((await get("/api/admin/kb/versions", { authorization: "Bearer wrong-token-wrong-token" })).statusCode).toBe(
      403,
    );
    const ok = await get("/api/admin/kb/versions", { authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
    expect(ok.json().versions[0]).toMatchObject({ number: 1, publishedBy: "system" });
    const diff = await get("/api/admin/kb/diff?a=1&b=9", { authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
    expect(diff.statusCode).toBe(404);
  });
});
