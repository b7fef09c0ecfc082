/** Chinese numerals as people say them in dates, times and ages: 三, 十五, 二十一, 一百零二, 两, 二零二六. */
const DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

export const CN_NUMBER = "[零〇一二两三四五六七八九十百]+";

export function parseCnNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (!s) return null;
  // Digit by digit (years: 二零二六)
  if (!/[十百]/.test(s)) {
    let n = 0;
    for (const ch of s) {
      const d = DIGIT[ch];
      if (d === undefined) return null;
      n = n * 10 + d;
    }
    return n;
  }
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch === "百") {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === "十") {
      total += (current || 1) * 10;
      current = 0;
    } else {
      const d = DIGIT[ch];
      if (d === undefined) return null;
      current = d;
    }
  }
  return total + current;
}
