/**
 * GET /experiences/photos/<id>: a memory's photo, for the two members of its space only (the
 * authorization module decides: strangers and the partner who left get 404, signed out 401), never
 * cached (serve-memory-photo.ts says why).
 */
import { getDb } from '@/server/db/process-database';
import { serveMemoryPhoto } from '@/server/domain/experiences/serve-memory-photo';
import { getViewer } from '../../../../_lib/viewer';

export async function GET(_request: Request, { params }: { params: Promise<{ photoId: string }> }): Promise<Response> {
  const { photoId } = await params;
  return serveMemoryPhoto(getDb(), await getViewer(), photoId);
}
