/**
 * POST /experiences/<id>/memory: the viewer's own memory of a done experience, as multipart form data
 * (text, and an optional photo). A route rather than a server action because a photo may be up to
 * 5 MB, and server actions take at most 1 MB (next.config.js). Answers JSON: { ok: true }, or an error
 * with field messages (photo too big, not an image, text too long) and nothing saved.
 *
 * Only Mend's own pages may post here (same-origin check), so another site cannot add a memory with
 * someone's session.
 */
import { getDb } from '@/server/db/process-database';
import { saveMemory } from '@/server/domain/experiences/save-memory';
import { PHOTO_MAX_BYTES, PHOTO_MESSAGES } from '@/server/domain/experiences/prepare-memory-photo';
import { jsonError, jsonFromError, jsonOk } from '../../../../_lib/json-response';
import { getViewer } from '../../../../_lib/viewer';
import { comesFromMendItself } from '../../../../_lib/same-origin';

/** The photo's 5 MB and room for the text and the form's own framing. */
const BODY_LIMIT_BYTES = PHOTO_MAX_BYTES + 64 * 1024;


const tooBig = () => jsonError(413, PHOTO_MESSAGES.tooBig, { photo: [PHOTO_MESSAGES.tooBig] });

/** Reads the body, but stops as soon as it passes the limit instead of holding any size in memory. */
async function readLimitedBody(request: Request): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > BODY_LIMIT_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

export async function POST(request: Request, { params }: { params: Promise<{ experienceId: string }> }): Promise<Response> {
  if (!comesFromMendItself(request)) return jsonError(403, 'Memories can only be added from Mend’s own pages.');
  const viewer = await getViewer();
  if (!viewer) return jsonError(401, 'Please sign in to continue.');
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > BODY_LIMIT_BYTES) return tooBig();
  const contentType = request.headers.get('content-type') ?? '';
  if (!contentType.startsWith('multipart/form-data')) return jsonError(400, 'Please send the memory from its form.');
  try {
    const body = await readLimitedBody(request);
    if (!body) return tooBig();
    let form: FormData;
    try {
      form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    } catch {
      return jsonError(400, 'The form could not be read. Please try again.');
    }
    const text = form.get('text');
    const photo = form.get('photo');
    // A file input left empty still sends a part: no name, no bytes.
    const photoBytes = photo instanceof File && (photo.size > 0 || photo.name) ? new Uint8Array(await photo.arrayBuffer()) : null;
    const { experienceId } = await params;
    await saveMemory(getDb(), viewer, experienceId, { text: typeof text === 'string' ? text : '', photo: photoBytes });
    return jsonOk({ ok: true });
  } catch (error) {
    return jsonFromError(error);
  }
}
