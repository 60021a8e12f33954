/** Moments on the history and versions pages: the one shared format (app/_lib/dates.ts). */
export { LocalTime } from '../../../../_components/local-time';
