import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { KnowledgeBase } from "../../domain/kb/schema.js";
import { formatProblems, loadKbDir } from "../kb/load-kb-dir.js";
import { createLocalNlu, type Nlu } from "./create-local-nlu.js";

const KB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../kb");
const ctx = { today: "2026-11-25" };
let kb: KnowledgeBase;
let nlu: Nlu;

beforeAll(async () => {
  const loaded = await loadKbDir(KB_DIR);
  if (!loaded.ok) throw new Error(formatProblems(loaded.errors));
  kb = loaded.kb;
  nlu = createLocalNlu(kb);
}, 30_000);

describe("the NLU on the real knowledge base (jieba + opencc)", { timeout: 30_000 }, () => {
  it.each([
    ["我要给新生儿办医保", ["medical-insurance.newborn"]],
    ["钱包丢了身份证驾照都没了", ["event.lost-documents"]],
    ["孩子刚出生要办哪些手续", ["event.newborn"]],
    ["嗯那个我的身份正过期了人在外地", ["id-card.renew", "id-card.nonlocal"]],
    ["转人工", ["meta.human"]],
    ["我要找人工客服", ["meta.human"]],
    ["今天天气怎么样", ["out-of-scope"]],
    ["我的護照過期了要換", ["passport.renew"]],
  ])("%s → %j", async (text, accept) => {
    const r = await nlu.interpret(text, ctx);
    expect(accept).toContain(r.intent);
  });

  it("keeps what the speech recogniser garbled out of the normalised text", async () => {
    const r = await nlu.interpret("嗯那个我的身份正过期了人在外地", ctx);
    expect(r.normalized).toBe("我的身份证过期了人在外地");
    expect(r.entities.map((e) => `${e.type}:${e.value}`)).toEqual(
      expect.arrayContaining(["document:id-card", "situation:expired", "situation:nonlocal"]),
    );
  });

  it("answers in well under 5 ms", async () => {
    const t = performance.now();
    for (let i = 0; i < 200; i++) await nlu.interpret("我的身份证丢了明天上午能去东城区补办吗", ctx);
    expect((performance.now() - t) / 200).toBeLessThan(5);
  });

  it("retrains on a new KB version (reusing the calibration) and answers with it", async () => {
    const before = nlu.model();
    const fewer = { ...kb, intents: kb.intents.filter((i) => i.code !== "meta.human") };
    const started = performance.now();
    nlu.reload(fewer, "v-test");
    // Generous bound: the machine runs other people's tests in parallel.
    expect(performance.now() - started).toBeLessThan(5000);
    expect(nlu.model()).not.toBe(before);
    expect(nlu.model().label).toBe("v-test");
    expect(nlu.model().codes).not.toContain("meta.human");
    expect(nlu.model().classifier.temperature).toBe(before.classifier.temperature);
    expect((await nlu.interpret("转人工", ctx)).intent).not.toBe("meta.human");
  });
});
