/**
 * One `Intl.DateTimeFormat` per (locale, options): building one with a time zone costs about a
 * millisecond and tens of kilobytes that only a full GC returns, and the hub reads the centre's
 * clock on every command, snapshot and statistics row. Formatters are immutable, so sharing is safe.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Past this many distinct formatters something builds keys from data: start over rather than grow. */
const MAX_FORMATTERS = 256;

export function zonedFormatter(locale: string, options: Readonly<Intl.DateTimeFormatOptions>): Intl.DateTimeFormat {
  // The options objects are small literals: their JSON (keys in the caller's order) is the key.
  const key = `${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(locale, options);
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(key, formatter);
  }
  return formatter;
}

const DAY_OPTIONS = { year: 'numeric', month: '2-digit', day: '2-digit' } as const;
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in a zone, "YYYY-MM-DD" (the hot path: no key building). */
export function dayInZone(at: Date, timeZone: string): string {
  let formatter = dayFormatters.get(timeZone);
  if (formatter === undefined) {
    // en-CA formats dates as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', { ...DAY_OPTIONS, timeZone });
    if (dayFormatters.size >= MAX_FORMATTERS) dayFormatters.clear();
    dayFormatters.set(timeZone, formatter);
  }
  return formatter.format(at);
}
