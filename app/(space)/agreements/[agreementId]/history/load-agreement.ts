/** Shared by the history and versions pages: the signed-in viewer, authorized for this agreement's history, or a 404. */
import { requireAgreementHistory } from '@/server/access/authorization';
import { loadOr404 } from '../../../../_lib/load-or-404';

export { readUpdateTimes } from '@/server/domain/history/update-times';

export async function loadAgreementHistory(agreementId: string, path: string) {
  const { viewer, db, found: access } = await loadOr404(path, agreementId, (db, viewer) => requireAgreementHistory(db, viewer, agreementId));
  return { viewer, db, access };
}

/** A query-string number, or null when absent or not a whole number in range. */
export function parsePoint(value: string | string[] | undefined, max: number): number | null {
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) return null;
  const point = Number(value);
  return point <= max ? point : null;
}
