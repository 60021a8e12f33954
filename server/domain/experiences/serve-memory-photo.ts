/**
 * The answer to GET /experiences/photos/<id>: the stored (re-encoded, metadata-free) bytes for the
 * two members of the photo's space, "not found" for everyone else and "please sign in" without a
 * session. Never cached by a browser or anything between: a shared computer's cache must not keep a
 * couple's photos, and access can end (a partner leaves, a memory is removed) at any moment.
 */
import { requirePhoto, type Viewer } from '../../access/authorization';
import type { Executor } from '../../db/database';
import { httpStatusFor, isAppError } from '../errors';

const PRIVATE_HEADERS = { 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff' } as const;

export async function serveMemoryPhoto(db: Executor, viewer: Viewer, photoId: string): Promise<Response> {
  try {
    const { photo } = await requirePhoto(db, viewer, photoId);
    const bytes = new Uint8Array(photo.bytes);
    return new Response(bytes, {
      status: 200,
      headers: { ...PRIVATE_HEADERS, 'content-type': photo.mimeType, 'content-length': String(bytes.byteLength), 'content-disposition': 'inline' },
    });
  } catch (error) {
    if (isAppError(error)) return Response.json({ error: { message: error.message } }, { status: httpStatusFor[error.code], headers: PRIVATE_HEADERS });
    console.error('Serving a photo failed:', error);
    return Response.json({ error: { message: 'The photo could not be loaded right now. Please try again.' } }, { status: 500, headers: PRIVATE_HEADERS });
  }
}
