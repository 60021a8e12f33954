'use client';
/**
 * A moment shown in the reader's own time zone. The server does not know it, so the first render
 * (on the server) says the time in UTC, and the browser rewrites it in local time at once.
 */
import { useEffect, useState } from 'react';

const DATE_TIME: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' };
const DATE: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };

export function LocalTime({ iso, withTime = true }: { iso: string; withTime?: boolean }) {
  const options = withTime ? DATE_TIME : DATE;
  const [text, setText] = useState(() => new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' }).format(new Date(iso)) + (withTime ? ' UTC' : ''));
  useEffect(() => {
    setText(new Intl.DateTimeFormat('en-GB', options).format(new Date(iso)));
  }, [iso, options]);
  return <time dateTime={iso}>{text}</time>;
}
