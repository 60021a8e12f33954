'use client';
/**
 * A moment shown in the reader's own locale and time zone (app/_lib/dates.ts). The server does not
 * know them, so its render is the stable UTC fallback and the browser rewrites it once hydrated;
 * the <time> element carries the exact instant either way.
 */
import { useEffect, useState } from 'react';
import { formatMoment, formatMomentFallback, type MomentFormat } from '../_lib/dates';

export function LocalTime({ iso, format = 'date-time', weekday = false }: { iso: string | Date; format?: MomentFormat; weekday?: boolean }) {
  const instant = typeof iso === 'string' ? iso : iso.toISOString();
  const [text, setText] = useState(() => formatMomentFallback(instant, format, { weekday }));
  useEffect(() => setText(formatMoment(instant, format, {}, { weekday })), [instant, format, weekday]);
  return <time dateTime={instant}>{text}</time>;
}
