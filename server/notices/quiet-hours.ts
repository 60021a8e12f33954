/**
 * Quiet hours: a daily window in the person's own time zone when nothing is sent. Stored as minutes
 * after local midnight; a window may cross midnight (22:00 to 07:00). Notices that come up inside it
 * wait in notice_deliveries and go when it ends.
 */
export interface QuietHours {
  quietStart: number | null;
  quietEnd: number | null;
  timeZone: string;
}

/** Minutes after midnight at `at` in `timeZone` (an IANA name such as Europe/Paris). */
export function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const hour = Number(parts.find((part) => part.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((part) => part.type === 'minute')?.value ?? 0);
  return hour * 60 + minute;
}

export function isQuietTime(prefs: QuietHours, at: Date): boolean {
  const { quietStart: start, quietEnd: end } = prefs;
  if (start === null || end === null || start === end) return false;
  const now = localMinutes(at, prefs.timeZone);
  return start < end ? now >= start && now < end : now >= start || now < end;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** "22:30" → 1350; anything else → null. */
export function parseClockTime(value: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

export function formatClockTime(minutes: number | null): string {
  if (minutes === null) return '';
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
