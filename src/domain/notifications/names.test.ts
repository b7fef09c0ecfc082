import { describe, expect, it } from "vitest";
import { maskName } from "./names.js";

describe("maskName", () => {
  it("keeps the family name and the last character", () => {
    expect(maskName("王芳")).toBe("王*");
    expect(maskName("张建明")).toBe("张*明");
    expect(maskName("欧阳娜娜")).toBe("欧**娜");
  });
  it("shortens Latin names", () => {
    expect(maskName("Wang Fang")).toBe("Wang F.");
    expect(maskName("Madonna")).toBe("Madonna");
  });
});
