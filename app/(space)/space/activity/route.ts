/**
 * GET /space/activity?space=<id>[&before=<cursor>]: one page of the space's activity list for the
 * signed-in member, as JSON. The page's list re-reads its first page here when an activity item is
 * added live, and reads older pages for "Show older". Strangers get 404; a closed space still answers.
 */
import { getDb } from '@/server/db/process-database';
import { ACTIVITY_PAGE_SIZE, listActivityPage } from '@/server/domain/activity/list-activity-page';
import { jsonError, jsonFromError, jsonOk } from '../../../_lib/json-response';
import { getViewer } from '../../../_lib/viewer';
import { toActivityListPage } from '../activity-view';

export async function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const spaceId = params.get('space');
  if (!spaceId) return jsonError(400, 'Say which space’s activity to show.', { space: ['Required.'] });
  try {
    const viewer = await getViewer();
    const page = await listActivityPage(getDb(), viewer, spaceId, { before: params.get('before'), limit: ACTIVITY_PAGE_SIZE });
    return jsonOk(toActivityListPage(page, viewer!.userId));
  } catch (error) {
    return jsonFromError(error);
  }
}
