/**
 * A name as it may appear in a text message, which anyone holding the phone can read: the family
 * name and, for three-character names, the last character (张*明, 王*). Latin names keep the
 * first word.
 */
export const maskName = (name: string): string => {
  const n = name.trim();
  if (!n) return n;
  if (/^[\p{Script=Han}·]+$/u.test(n)) {
    const chars = [...n];
    if (chars.length <= 2) return `${chars[0]}*`;
    return `${chars[0]}${"*".repeat(chars.length - 2)}${chars[chars.length - 1]}`;
  }
  const [first, ...rest] = n.split(/\s+/);
  return rest.length ? `${first} ${rest.map((w) => `${w[0]}.`).join(" ")}` : first!;
};
