'use client';
/**
 * A time shown in the reader's own time zone: the two partners may live in different ones, and a
 * signature time must mean the same moment to both. The server renders UTC first; the browser
 * replaces it with local time once hydrated.
 */
import { useEffect, useState } from 'react';

const styles = {
  date: { dateStyle: 'long' },
  'date-time': { dateStyle: 'medium', timeStyle: 'short' },
  time: { timeStyle: 'short' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export function LocalTime({ iso, format = 'date-time' }: { iso: string; format?: keyof typeof styles }) {
  const [text, setText] = useState(() => new Date(iso).toLocaleString('en-GB', { ...styles[format], timeZone: 'UTC' }) + (format === 'date' ? '' : ' UTC'));
  useEffect(() => setText(new Date(iso).toLocaleString(undefined, styles[format])), [iso, format]);
  return <time dateTime={iso}>{text}</time>;
}
