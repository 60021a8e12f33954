'use client';
/**
 * A calendar day (YYYY-MM-DD: a journal entry's day, a commitment's period) in the reader's own
 * locale, beside moments written the same way (<LocalTime>). A day has no time zone, so only the
 * words change: the server renders the fallback and the browser rewrites it once hydrated.
 */
import { useEffect, useState } from 'react';
import { formatCalendarDay, type DayFormat } from '../_lib/dates';

export function LocalDay({ day, bare = false, weekday, year, month, weekdayOnly }: { day: string; /** Text only, e.g. inside SVG. */ bare?: boolean } & DayFormat) {
  const [text, setText] = useState(() => formatCalendarDay(day, { weekday, year, month, weekdayOnly }));
  useEffect(() => setText(formatCalendarDay(day, { weekday, year, month, weekdayOnly, locale: 'reader' })), [day, weekday, year, month, weekdayOnly]);
  return bare ? <>{text}</> : <time dateTime={day}>{text}</time>;
}
