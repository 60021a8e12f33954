/**
 * GET /journal/export → the signed-in person's own journal as a Markdown download. There is no way
 * to ask for anyone else's: the export is always "mine". 401 when not signed in.
 */
import { getDb } from '@/server/db/process-database';
import { exportJournal } from '@/server/domain/journal/export-journal';
import { jsonError, jsonFromError } from '../../../_lib/json-response';
import { getViewer } from '../../../_lib/viewer';

export async function GET(): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return jsonError(401, 'Please sign in to continue.');
  try {
    const markdown = await exportJournal(getDb(), viewer);
    return new Response(markdown, {
      headers: {
        'content-type': 'text/markdown; charset=utf-8',
        'content-disposition': `attachment; filename="my-journal-${new Date().toISOString().slice(0, 10)}.md"`,
        'cache-control': 'no-store, private',
      },
    });
  } catch (error) {
    return jsonFromError(error);
  }
}
