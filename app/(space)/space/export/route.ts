/**
 * GET /space/export?space=<id> → what was shared in one of the person's spaces (open, or closed when a
 * partner left) as a Markdown download. Strangers, and the partner who left, get 404. 401 when not
 * signed in.
 */
import { z } from 'zod';
import { getDb } from '@/server/db/process-database';
import { exportSpace } from '@/server/domain/spaces/export-space';
import { jsonError, jsonFromError } from '../../../_lib/json-response';
import { getViewer } from '../../../_lib/viewer';

const querySchema = z.object({ space: z.uuid() });

export async function GET(request: Request): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return jsonError(401, 'Please sign in to continue.');
  const parsed = querySchema.safeParse({ space: new URL(request.url).searchParams.get('space') });
  if (!parsed.success) return jsonError(404, 'That space could not be found.');
  try {
    const { filename, markdown } = await exportSpace(getDb(), viewer, parsed.data.space);
    return new Response(markdown, {
      headers: {
        'content-type': 'text/markdown; charset=utf-8',
        'content-disposition': `attachment; filename="${filename}"`,
        'cache-control': 'no-store, private',
      },
    });
  } catch (error) {
    return jsonFromError(error);
  }
}
