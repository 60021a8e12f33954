/** Times and lengths on the conversation screen, as a person reads them. */
import { formatMoment } from '@/app/_lib/dates';

/** "14:35", or "14:35 tomorrow" when it is not today. */
export function whenLabel(at: number, now: number): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  return sameDay ? clockTime(at) : `${clockTime(at)} tomorrow`;
}

export function clock(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mmss = `${String(minutes).padStart(hours ? 2 : 1, '0')}:${String(seconds).padStart(2, '0')}`;
  return hours ? `${hours}:${mmss}` : mmss;
}

export function duration(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  if (minutes < 60) return minutesWord(minutes);
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min`;
}

export function clockTime(at: number): string {
  return formatMoment(new Date(at), 'time');
}

export function minutesWord(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  return rounded === 1 ? '1 minute' : `${rounded} minutes`;
}

/** A setting in seconds as words: "20 minutes", or "6 seconds" where a test shortened it. */
export function lengthOf(seconds: number): string {
  return seconds < 60 ? `${seconds} seconds` : minutesWord(seconds / 60);
}
