/** Today's date (YYYY-MM-DD) in the city's timezone; formatters are cached because this runs every turn. */
const formatters = new Map<string, Intl.DateTimeFormat>();

export const cityDate = (instant: Date, tz: string): string => {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(tz, f);
  }
  return f.format(instant);
};
