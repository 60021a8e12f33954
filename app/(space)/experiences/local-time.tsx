/** A plan's moment says its weekday (people plan by the day of the week); the one shared format otherwise (app/_lib/dates.ts). */
import { LocalTime as SharedLocalTime } from '../../_components/local-time';

export function LocalTime({ iso, withTime = true }: { iso: string; withTime?: boolean }) {
  return <SharedLocalTime iso={iso} format={withTime ? 'date-time' : 'date'} weekday={withTime} />;
}
