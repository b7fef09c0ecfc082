/**
 * Masks ID numbers and phone numbers before text leaves the process (LLM fallback, logs): keeps
 * enough to recognise the kind of number (first and last characters), never enough to identify.
 */
export function maskPii(text: string): string {
  return text
    .replace(
      /(?<![\dA-Za-z])(\d{3})\d{11,13}([\dXx]{2})(?![\dA-Za-z])/g,
      (_m, a: string, b: string) => `${a}${"*".repeat(_m.length - 5)}${b}`,
    )
    .replace(/(?<![\dA-Za-z])(1\d{2})\d{4}(\d{4})(?![\dA-Za-z])/g, "$1****$2");
}
